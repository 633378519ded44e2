import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, runFuzz } from '../../scripts/fuzz.js';
import { startApi, type TestApi } from '../support/api.js';

/* The small run of `npm run fuzz` (docs/reliability.md): ≈500 generated requests over every route, fixed seed. */
let api: TestApi;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe('fuzzing every route', () => {
  it('answers ≈500 generated requests without a 5xx, a hang or an error outside the JSON envelope', async () => {
    const summary = await runFuzz(api.registry.url, api.registry.secret, { count: 500, seed: 20261123 });
    expect(summary.failures.map(describeFailure)).toEqual([]);
    expect(summary.sent).toBeGreaterThanOrEqual(500);
  });
});
