import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readCaller } from '../../functions/http/claims.js';
import { CursorCodec } from '../../shared/store/dynamo/cursor.js';
import { DomainError } from '../../shared/domain/errors.js';

const withClaims = (claims: Record<string, unknown>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2; // only requestContext is read

describe('claims reader', () => {
  it('reads allianceIds as API Gateway flattens them', () => {
    for (const allianceIds of [['demo', 'other'], '[demo other]', '["demo","other"]', 'demo,other']) {
      expect(readCaller(withClaims({ sub: 'x', role: 'coordinator', allianceIds }))?.allianceIds).toEqual([
        'demo',
        'other',
      ]);
    }
  });

  it('treats claims without a known role as no caller', () => {
    expect(readCaller(withClaims({ sub: 'x', role: 'admin' }))).toBeUndefined();
  });
});

describe('cursor codec', () => {
  const codec = new CursorCodec('secret');

  it('round-trips a key for the same query', () => {
    const cursor = codec.encode({ pk: 'CAT#all', sk: 'luh-a' }, 'q1');
    expect(codec.decode(cursor, 'q1')).toEqual({ pk: 'CAT#all', sk: 'luh-a' });
  });

  it('rejects a cursor of another query, a changed payload and garbage as VALIDATION_FAILED on cursor', () => {
    const cursor = codec.encode({ pk: 'CAT#all', sk: 'luh-a' }, 'q1');
    const [payload, signature] = cursor.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ pk: 'CAT#all', sk: 'zzz' })).toString('base64url')}.${signature}`;
    for (const [value, context] of [
      [cursor, 'q2'],
      [tampered, 'q1'],
      ['garbage', 'q1'],
      [`${payload}`, 'q1'],
    ] as const) {
      expect(() => codec.decode(value, context)).toThrow(DomainError);
    }
  });
});
