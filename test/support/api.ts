import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startLocalRegistry, type LocalRegistry, type LocalRegistryOptions } from '../../functions/local/registry.js';
import { signToken, type TokenRequest } from '../../functions/local/tokens.js';

// Response bodies are untyped JSON here: each test asserts the fields it is about.
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApi {
  readonly registry: LocalRegistry;
  token(request: TokenRequest): Promise<string>;
  call<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string },
  ): Promise<Answer<T>>;
  stop(): Promise<void>;
}

/** The real local server (same handlers, same router) on its own table of the shared DynamoDB Local. */
export const startApi = async (
  options: { seed?: boolean; wrapStore?: LocalRegistryOptions['wrapStore'] } = {},
): Promise<TestApi> => {
  const registry = await startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'registry-test-')),
    inMemory: true,
    seed: options.seed ?? true,
    endpoint: inject('dynamoEndpoint'),
    tableName: `t-${randomUUID()}`,
    ...(options.wrapStore ? { wrapStore: options.wrapStore } : {}),
  });
  return {
    registry,
    token: (request) => signToken(registry.secret, request),
    call: async (method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${registry.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    stop: () => registry.stop(),
  };
};
