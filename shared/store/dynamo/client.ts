import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Wraps the low-level client before use, e.g. Powertools Tracer's captureAWSv3Client. */
export type StoreClientHook = (client: DynamoDBClient) => DynamoDBClient;

export interface StoreConfig {
  readonly tableName: string;
  /** Set locally (DynamoDB Local); absent in AWS. */
  readonly endpoint?: string;
  readonly instrument?: StoreClientHook;
}

/*
 * Retries: the SDK's standard mode with 3 attempts retries throttling and transient errors with
 * jittered back-off. Beyond that a request answers 503 UNAVAILABLE with Retry-After rather than
 * holding an API Gateway connection open (HTTP API's own limit is 30 s). Timeouts are short
 * because every request is a handful of single-digit-millisecond operations.
 */
export const createDocumentClient = (config: StoreConfig): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    ...(config.endpoint
      ? { endpoint: config.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
  });
  return DynamoDBDocumentClient.from(config.instrument ? config.instrument(client) : client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
};
