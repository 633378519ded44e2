import * as z from 'zod/mini';
import { CredentialDraft } from './credential.js';
import { PageQuery } from './paging.js';

/** `{id}` in `/imports/{id}`: the ids POST /imports hands out. */
export const ImportJobId = z.string().check(z.regex(/^[a-z0-9-]{1,120}$/, 'not an import id'));

/** The import route's query: the spreadsheet row of the first record, so a file sent in parts keeps its row numbers. */
export const ImportQuery = z.object({
  firstRow: z._default(
    z.coerce
      .number('firstRow must be a number')
      .check(z.int('firstRow must be a whole number'), z.gte(2, 'firstRow must be at least 2')),
    2,
  ),
});

/** GET /imports/{id}/rows: a page of the per-row report, optionally of one outcome. */
export const ImportRowsQuery = z.extend(PageQuery, {
  outcome: z.optional(z.enum(['created', 'updated', 'unchanged', 'rejected'])),
});

/*
 * The answers of the import-job routes (GET /imports/{id}, GET /imports/{id}/rows), as the
 * OpenAPI document names them; the store reads its items back through the same schemas.
 */
const ColumnProblem = z.object({ column: z.string(), message: z.string() });

export const RowResult = z.object({
  row: z.int().check(z.describe('spreadsheet row: the header is row 1')),
  outcome: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  credentialId: z.optional(z.string()),
  problems: z.optional(z.array(ColumnProblem)),
});

export const ImportJobView = z.object({
  id: z.string(),
  institutionId: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  rows: z.int().check(z.describe('credential rows in the file')),
  processed: z.int().check(z.describe('rows with an outcome so far')),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  rejected: z.int(),
  headerProblems: z.array(ColumnProblem),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  failure: z.optional(z.string()),
  startedBy: z.string().check(z.describe('the token subject that uploaded the file')),
});

/** A row that passed validation and waits to be written: what an import part stores, read back through this. */
export const PendingRow = z.object({ row: z.int(), id: z.string(), draft: CredentialDraft });
