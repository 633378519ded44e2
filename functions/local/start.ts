import { rateLimitFromEnv } from './rate-limit.js';
import { startLocalRegistry } from './registry.js';

/*
 * `npm start`: DynamoDB Local + the handlers behind node:http, seeded with the demo alliance.
 * PORT (default 3000), DATA_DIR (default .data), IN_MEMORY=1 to keep nothing between starts,
 * CORS_ORIGINS (comma list), RATE_LIMIT_RPS / RATE_LIMIT_BURST (per-subject throttling, off unless set).
 */
const started = Date.now();
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
const inMemory = process.env.IN_MEMORY === '1' || process.argv.includes('--in-memory');
const rateLimit = rateLimitFromEnv(process.env);

let stopping = false;
const registry = await startLocalRegistry({
  port,
  dataDir,
  inMemory,
  seed: true,
  devTokens: true,
  ...(rateLimit ? { rateLimit } : {}),
  corsOrigins: (process.env.CORS_ORIGINS ?? `http://localhost:${port},http://127.0.0.1:${port}`)
    .split(',')
    .filter(Boolean),
  onStoreCrash: (reason) => {
    if (stopping) return;
    process.stderr.write(`\nDynamoDB Local stopped unexpectedly (${reason}); the registry stops too.\n`);
    process.exit(1);
  },
});

const seeded = registry.seed
  ? ` (seed: ${registry.seed.created} created, ${registry.seed.existing} already there)`
  : '';
process.stdout.write(
  [
    `Alliance Micro-Credential Registry listening on http://localhost:${new URL(registry.url).port}${seeded}`,
    `  store: DynamoDB Local at ${registry.endpoint}, ${inMemory ? 'in memory' : `data in ${dataDir}/dynamodb`}`,
    `  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  a token: npm run --silent token -- institution luh   (roles: operator | coordinator <allianceId> | institution <id> | student)`,
    '',
  ].join('\n'),
);

const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping the API and DynamoDB Local…\n`);
  registry.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`stop failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
