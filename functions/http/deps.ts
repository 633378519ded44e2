import { createHash } from 'node:crypto';
import type { Deps } from '../../shared/app/deps.js';
import { systemClock } from '../../shared/ports/clock.js';
import { randomIds } from '../../shared/ports/ids.js';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store.js';
import { DynamoAllianceRepository } from '../../shared/store/dynamo/alliance-repository.js';
import { createDocumentClient } from '../../shared/store/dynamo/client.js';
import { DynamoCredentialRepository } from '../../shared/store/dynamo/credential-repository.js';
import { CursorCodec } from '../../shared/store/dynamo/cursor.js';
import { DynamoIdempotencyStore } from '../../shared/store/dynamo/idempotency-store.js';
import { DynamoInstitutionRepository } from '../../shared/store/dynamo/institution-repository.js';
import { DynamoProgrammeRepository } from '../../shared/store/dynamo/programme-repository.js';

export interface RequestDeps extends Deps {
  readonly idempotency: IdempotencyStore;
}

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

/**
 * Wires the DynamoDB adapters from the environment: TABLE_NAME always, DYNAMODB_ENDPOINT locally.
 * CURSOR_KEY keys the cursor HMAC; without it the table name does, which still rejects forged
 * cursors' structure but not a determined forger who knows the name (docs/data-model.md).
 */
export const depsFromEnvironment = (): RequestDeps => {
  const table = required('TABLE_NAME');
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const doc = createDocumentClient({ tableName: table, ...(endpoint ? { endpoint } : {}) });
  const cursorKey = process.env.CURSOR_KEY ?? createHash('sha256').update(`cursor:${table}`).digest('hex');
  const cursors = new CursorCodec(cursorKey);
  return {
    institutions: new DynamoInstitutionRepository(doc, table, cursors),
    alliances: new DynamoAllianceRepository(doc, table),
    credentials: new DynamoCredentialRepository(doc, table, cursors),
    programmes: new DynamoProgrammeRepository(doc, table, cursors),
    idempotency: new DynamoIdempotencyStore(doc, table),
    clock: systemClock,
    ids: randomIds,
  };
};

let shared: RequestDeps | undefined;
/** Built once per process (a Lambda container or the local server) and reused by every request. */
export const requestDeps = (): RequestDeps => (shared ??= depsFromEnvironment());

/** Lets the test harness inject a store wrapper (fault injection) before the first request. */
export const setRequestDeps = (deps: RequestDeps | undefined): void => {
  shared = deps;
};
