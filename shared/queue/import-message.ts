import * as z from 'zod';

/** One queued part of an import job: what the producer sends and the worker reads. */
export const ImportChunkMessage = z.strictObject({
  jobId: z.string().min(1),
  chunk: z.int().min(1),
});
export type ImportChunkMessage = z.infer<typeof ImportChunkMessage>;
