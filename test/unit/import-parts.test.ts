import { describe, expect, it } from 'vitest';
import { InProcessImportQueue } from '../../functions/local/import-queue.js';
import { chunkRows, MAX_CHUNK_BYTES, MAX_ROWS_PER_CHUNK } from '../../shared/app/imports/chunk-rows.js';
import type { PendingRow } from '../../shared/ports/import-jobs.js';
import type { ImportChunkMessage } from '../../shared/queue/import-message.js';

const row = (n: number, outcomeText = 'Outcome'): PendingRow => ({
  row: n + 2,
  id: `luh-k${n}`,
  draft: {
    institutionId: 'luh',
    awardingBodies: ['luh'],
    title: `Offering ${n}`,
    learningOutcomes: [outcomeText],
    ects: 5,
    eqfLevel: 7,
    assessment: 'exam',
    participation: 'onsite',
    qualityAssurance: 'internal',
    stackability: 'stackable',
  },
});

describe('cutting validated rows into parts', () => {
  it('keeps every row once, in order, at most 250 to a part', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => row(i));
    const parts = chunkRows(rows);
    expect(parts.map((p) => p.length)).toEqual([250, 250, 250, 250, 1]);
    expect(parts.flat()).toEqual(rows);
  });

  it('starts a new part before one would pass the item size limit', () => {
    const big = 'x'.repeat(20_000);
    const rows = Array.from({ length: 40 }, (_, i) => row(i, big));
    const parts = chunkRows(rows);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts)
      expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(MAX_CHUNK_BYTES + 1024);
    expect(parts.flat()).toEqual(rows);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(MAX_ROWS_PER_CHUNK);
  });

  it('gives a part to a single row even when it alone is large', () => {
    expect(chunkRows([row(0, 'y'.repeat(MAX_CHUNK_BYTES))])).toHaveLength(1);
    expect(chunkRows([])).toEqual([]);
  });
});

describe('the local import queue', () => {
  const quick = { retryDelayMs: 1 };

  it('works on at most `concurrency` parts at once and delivers each once when all goes well', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    const queue = new InProcessImportQueue({
      ...quick,
      concurrency: 2,
      maxAttempts: 3,
      process: async (m) => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        seen.push(m.chunk);
        active -= 1;
      },
      giveUp: async () => {
        throw new Error('nothing should give up');
      },
    });
    await queue.enqueue('j', [1, 2, 3, 4, 5]);
    await queue.idle();
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('delivers a failing part again, and gives up after the last attempt', async () => {
    const attempts = new Map<number, number>();
    const gaveUp: [ImportChunkMessage, string][] = [];
    const queue = new InProcessImportQueue({
      ...quick,
      concurrency: 1,
      maxAttempts: 3,
      process: async (m) => {
        attempts.set(m.chunk, (attempts.get(m.chunk) ?? 0) + 1);
        if (m.chunk === 1 && (attempts.get(1) ?? 0) < 2) throw new Error('flaky');
        if (m.chunk === 2) throw new Error('broken');
      },
      giveUp: async (m, err) => void gaveUp.push([m, (err as Error).message]),
    });
    await queue.enqueue('j', [1, 2]);
    await queue.idle();
    expect(Object.fromEntries(attempts)).toEqual({ 1: 2, 2: 3 });
    expect(gaveUp).toEqual([[{ jobId: 'j', chunk: 2 }, 'broken']]);
  });

  it('takes no new parts once stopped, after finishing the running ones', async () => {
    const done: number[] = [];
    const queue = new InProcessImportQueue({
      ...quick,
      concurrency: 1,
      maxAttempts: 1,
      process: async (m) => {
        await new Promise((r) => setTimeout(r, 10));
        done.push(m.chunk);
      },
      giveUp: async () => undefined,
    });
    await queue.enqueue('j', [1, 2, 3]);
    await queue.stop();
    expect(done).toEqual([1]);
    await expect(queue.enqueue('j', [4])).rejects.toThrow('stopped');
  });
});
