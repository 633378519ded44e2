import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { Deps } from '../../shared/app/deps.js';
import { systemClock } from '../../shared/ports/clock.js';
import { randomIds } from '../../shared/ports/ids.js';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store.js';
import type { ImportJobRepository } from '../../shared/ports/import-jobs.js';
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
  readonly moduleIndex: ModuleIndex;
  readonly plans: PlanRepository;
  readonly planSecrets: PlanSecrets;
}

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

let instrument: StoreClientHook | undefined;
/** Lets a function trace its store calls (the import worker's X-Ray subsegments); set before the first request. */
export const instrumentStoreClient = (hook: StoreClientHook): void => {
  instrument = hook;
};

/** Every adapter over one document client and table (the fault-injection tests wrap the client). */
export const depsOver = (doc: DynamoDBDocumentClient, table: string, cursorKey: string): RequestDeps => {
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
    plans: new DynamoPlanRepository(doc, table),
    planSecrets: randomPlanSecrets,
    clock: systemClock,
    ids: randomIds,
  };
};

/** The cursor key when CURSOR_KEY is not set (locally): derived from the table name. */
export const defaultCursorKey = (table: string): string => createHash('sha256').update(`cursor:${table}`).digest('hex');

/**
 * Wires the DynamoDB adapters from the environment: TABLE_NAME always, DYNAMODB_ENDPOINT locally.
 * CURSOR_KEY keys the cursor HMAC; without it the table name does, which still rejects forged
 * cursors' structure but not a determined forger who knows the name (docs/data-model.md).
 */
export const depsFromEnvironment = (): RequestDeps => {
  const table = required('TABLE_NAME');
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const doc = createDocumentClient({
    tableName: table,
    ...(endpoint ? { endpoint } : {}),
    ...(instrument ? { instrument } : {}),
  });
  return depsOver(doc, table, process.env.CURSOR_KEY ?? defaultCursorKey(table));
};

let shared: RequestDeps | undefined;
/** Built once per process (a Lambda container or the local server) and reused by every request. */
export const requestDeps = (): RequestDeps => (shared ??= depsFromEnvironment());

/** Lets the test harness inject a store wrapper (fault injection) before the first request. */
export const setRequestDeps = (deps: RequestDeps | undefined): void => {
  shared = deps;
};
