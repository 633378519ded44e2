import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startLocalRegistry, type LocalRegistry } from '../../functions/local/registry.js';

/*
 * The development token endpoint signs operator tokens for the asking, so it answers only requests
 * addressed to this machine: a page on another name that rebinds it to 127.0.0.1 (DNS rebinding)
 * sends its own name as Host and is refused.
 */
let registry: LocalRegistry;

const askToken = (host: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(`${registry.url}/dev/token`);
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{"role":"operator"}');
  });

beforeAll(async () => {
  registry = await startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'registry-test-')),
    inMemory: true,
    seed: false,
    endpoint: inject('dynamoEndpoint'),
    tableName: `t-${randomUUID()}`,
    devTokens: true,
  });
});
afterAll(() => registry.stop());

describe('POST /dev/token', () => {
  it('signs a token for localhost and loopback hosts', async () => {
    const port = new URL(registry.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'app.localhost']) {
      const res = await askToken(host);
      expect(res.status, host).toBe(200);
      expect(JSON.parse(res.body).token).toEqual(expect.any(String));
    }
  });

  it('refuses any other Host with 403 and signs nothing', async () => {
    for (const host of [
      'attacker.example',
      'attacker.example:3000',
      '127.0.0.1.nip.io',
      'localhost.attacker.example',
    ]) {
      const res = await askToken(host);
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('token"');
    }
  });
});
