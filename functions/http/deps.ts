import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { Deps } from '../../shared/app/deps.js';
import { systemClock } from '../../shared/ports/clock.js';
import { randomIds } from '../../shared/ports/ids.js';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store.js';
import type { ImportJobRepository, ImportQueue } from '../../shared/ports/import-jobs.js';
import type { ModuleIndex } from '../../shared/ports/module-index.js';
import type { PlanRepository } from '../../shared/ports/plan-repository.js';
import { randomPlanSecrets, type PlanSecrets } from '../../shared/ports/plan-secrets.js';
import { DynamoAllianceRepository } from '../../shared/store/dynamo/alliance-repository.js';
import { createDocumentClient, type StoreClientHook } from '../../shared/store/dynamo/client.js';
import { DynamoCredentialRepository } from '../../shared/store/dynamo/credential-repository.js';
import { CursorCodec } from '../../shared/store/dynamo/cursor.js';
import { DynamoIdempotencyStore } from '../../shared/store/dynamo/idempotency-store.js';
import { DynamoImportJobRepository } from '../../shared/store/dynamo/import-job-repository.js';
import { DynamoInstitutionRepository } from '../../shared/store/dynamo/institution-repository.js';
import { DynamoModuleIndex } from '../../shared/store/dynamo/module-index.js';
import { DynamoPlanRepository } from '../../shared/store/dynamo/plan-repository.js';
import { IndexedProgrammes } from '../../shared/app/where-it-counts/indexed-programmes.js';
import { DynamoProgrammeRepository } from '../../shared/store/dynamo/programme-repository.js';

export interface RequestDeps extends Deps {
  readonly idempotency: IdempotencyStore;
  readonly importJobs: ImportJobRepository;
  /** Where an upload's parts go: SQS in AWS (functions/imports/queue.ts), the local server's own queue locally. */
  readonly importQueue: ImportQueue;
  readonly moduleIndex: ModuleIndex;
  readonly plans: PlanRepository;
  readonly planSecrets: PlanSecrets;
}

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

/*
 * A function without IMPORT_QUEUE_URL has no queue (only the imports function is given one): an
 * upload routed there by mistake fails loudly instead of leaving a job that nobody works on.
 */
const noImportQueue: ImportQueue = {
  enqueue: async () => {
    throw new Error('no import queue: this function has no IMPORT_QUEUE_URL');
  },
};

/** Every adapter over one document client and table: a Lambda container's (depsFromEnvironment) or a local server's. */
export const depsOver = (
  doc: DynamoDBDocumentClient,
  table: string,
  cursorKey: string,
  importQueue: ImportQueue = noImportQueue,
): RequestDeps => {
  const cursors = new CursorCodec(cursorKey);
  const moduleIndex = new DynamoModuleIndex(doc, table);
  return {
    institutions: new DynamoInstitutionRepository(doc, table, cursors),
    alliances: new DynamoAllianceRepository(doc, table),
    credentials: new DynamoCredentialRepository(doc, table, cursors),
    // Every programme write keeps the module index (GET /credentials/{id}/programmes, POST /eligibility).
    programmes: new IndexedProgrammes(new DynamoProgrammeRepository(doc, table, cursors), moduleIndex),
    moduleIndex,
    idempotency: new DynamoIdempotencyStore(doc, table),
    importJobs: new DynamoImportJobRepository(doc, table, cursors),
    importQueue,
    plans: new DynamoPlanRepository(doc, table),
    planSecrets: randomPlanSecrets,
    clock: systemClock,
    ids: randomIds,
  };
};

/** The cursor key when CURSOR_KEY is not set (locally): derived from the table name. */
export const defaultCursorKey = (table: string): string => createHash('sha256').update(`cursor:${table}`).digest('hex');

/**
 * Wires the DynamoDB adapters from the environment of a Lambda container: TABLE_NAME always,
 * DYNAMODB_ENDPOINT when it runs against DynamoDB Local.
 * CURSOR_KEY keys the cursor HMAC; without it the table name does, which still rejects forged
 * cursors' structure but not a determined forger who knows the name (docs/data-model.md).
 * `instrument` traces the store calls (the import worker's X-Ray subsegments).
 */
export const depsFromEnvironment = (options: { instrument?: StoreClientHook } = {}): RequestDeps => {
  const table = required('TABLE_NAME');
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const doc = createDocumentClient({ tableName: table, ...(endpoint ? { endpoint } : {}), ...options });
  return depsOver(doc, table, process.env.CURSOR_KEY ?? defaultCursorKey(table));
};

let container: RequestDeps | undefined;
/**
 * A Lambda container's deps, built on its first request and reused by every later one. The local
 * server never reads them: each server builds its own (functions/local/registry.ts) and hands them
 * to the handlers with `serveWith`.
 */
export const requestDeps = (): RequestDeps => (container ??= depsFromEnvironment());
