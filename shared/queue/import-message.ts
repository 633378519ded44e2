import * as z from 'zod/mini';

/** One queued part of an import job: what the producer sends and the worker reads. */
export const ImportChunkMessage = z.strictObject({
  jobId: z.string().check(z.minLength(1)),
  chunk: z.int().check(z.gte(1)),
});
export type ImportChunkMessage = z.infer<typeof ImportChunkMessage>;

/**
 * Deliveries of one part before its job is marked failed: the SQS redrive policy (infra) then
 * moves the message to the dead-letter queue, and the local queue stops retrying.
 */
export const MAX_DELIVERIES = 5;
