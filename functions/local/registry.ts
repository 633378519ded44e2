import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { seedDemo, type SeedReport } from '../../shared/app/seed/seed-demo.js';
import { createDocumentClient } from '../../shared/store/dynamo/client.js';
import { ensureTable } from '../../shared/store/dynamo/ensure-table.js';
import type { SignInConfig } from '../../shared/web/app-config.js';
import { defaultCursorKey, depsOver, type RequestDeps } from '../http/deps.js';
import { MAX_DELIVERIES } from '../../shared/queue/import-message.js';
import { failImport, processImportMessage } from '../imports/import-part.js';
import { ROUTES } from '../routes.js';
import { startDynamoLocal, type RunningStore } from './dynamo-local.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { InProcessImportQueue } from './import-queue.js';
import { createLocalApi, type HandlerImport, loadHandlers } from './server.js';
import { loadOrCreateSecret } from './tokens.js';
import { webApp } from './web-app.js';

export interface LocalRegistryOptions {
  readonly port: number;
  /** Holds the token secret, and the database unless `inMemory`. */
  readonly dataDir: string;
  readonly inMemory: boolean;
  readonly seed: boolean;
  readonly tableName?: string;
  readonly corsOrigins?: readonly string[];
  /** Use an already running store instead of starting one (tests share one). */
  readonly endpoint?: string;
  readonly onStoreCrash?: (reason: string) => void;
  /** Per-subject token bucket; absent: no limit. */
  readonly rateLimit?: RateLimitOptions;
  /** Development only (`npm start`, browser tests): POST /dev/token signs demo tokens for the web app's sign-in. */
  readonly devTokens?: boolean;
  /** How the web app signs in (its /app/config.json); default the demo sign-in of `devTokens`. */
  readonly signIn?: SignInConfig;
  /** Fault injection (test/faults): every store call of this server (handlers, import worker, seed) goes through it. */
  readonly wrapStore?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  /** How handler modules are imported; default their TypeScript sources. */
  readonly importHandler?: HandlerImport;
}

export interface LocalRegistry {
  readonly url: string;
  readonly endpoint: string;
  readonly tableName: string;
  readonly seed?: SeedReport;
  readonly secret: Uint8Array;
  /** Works on import jobs in the background; `idle()` waits for them. */
  readonly imports: InProcessImportQueue;
  /** This server's own table, queue, clock and ids: its handlers get these and no other server's. */
  readonly deps: RequestDeps;
  stop(): Promise<void>;
}

/**
 * Store, table, seed and HTTP server, in that order; `stop` undoes them in reverse. Everything a
 * request touches is this server's own (`deps`, handed to each handler with `serveWith`): two
 * registries in one process share nothing but DynamoDB Local.
 */
export const startLocalRegistry = async (options: LocalRegistryOptions): Promise<LocalRegistry> => {
  const secret = loadOrCreateSecret(options.dataDir);
  const tableName = options.tableName ?? 'registry';
  let store: RunningStore | undefined;
  if (!options.endpoint) {
    store = await startDynamoLocal({
      ...(options.inMemory ? {} : { dataDir: `${options.dataDir}/dynamodb` }),
      onCrash:
        options.onStoreCrash ?? ((reason) => process.stderr.write(`DynamoDB Local stopped unexpectedly: ${reason}\n`)),
    });
  }
  const endpoint = options.endpoint ?? store?.endpoint ?? '';
  let server: Server | undefined;
  const client = createDocumentClient({ tableName, endpoint });
  // Two parts at a time: DynamoDB Local, not the worker, is what limits an import here. The worker
  // writes through this server's deps, which in turn hold this queue.
  const imports = new InProcessImportQueue({
    concurrency: 2,
    maxAttempts: MAX_DELIVERIES,
    process: (message) => processImportMessage(deps, message),
    giveUp: (message, err) => failImport(deps, message, err),
  });
  const deps = depsOver(options.wrapStore?.(client) ?? client, tableName, defaultCursorKey(tableName), imports);
  try {
    await ensureTable(client, tableName);
    const seed = options.seed ? await seedDemo(deps) : undefined;
    const handlers = await loadHandlers(ROUTES, deps, options.importHandler);
    server = createLocalApi({
      routes: ROUTES,
      handlers,
      secret,
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      ...(options.rateLimit ? { rateLimit: createRateLimiter(options.rateLimit) } : {}),
      extra: webApp({
        ...(options.devTokens ? { devTokenSecret: secret } : {}),
        ...(options.signIn ? { signIn: options.signIn } : {}),
      }),
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port, '127.0.0.1', () => resolve());
    });
    const { port } = listening.address() as AddressInfo; // listen() on TCP always yields an AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      endpoint,
      tableName,
      secret,
      imports,
      deps,
      ...(seed ? { seed } : {}),
      stop: async () => {
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          listening.closeAllConnections();
        });
        await imports.stop();
        await store?.stop();
      },
    };
  } catch (err) {
    server?.close();
    await imports.stop();
    await store?.stop();
    throw err;
  }
};
