/*
 * `npm run import:csv -- file.csv --institution luh [--api URL] [--token JWT] [--report out.json]`
 *
 * Uploads a CSV of credentials (docs/csv-import.md) as an import job (POST /institutions/{id}/imports),
 * draws a progress bar from the job's own progress (GET /imports/{id}) and prints the rows the
 * registry refused (GET /imports/{id}/rows?outcome=rejected). A file over the upload limit (4 MB)
 * goes as several jobs, each with the row it starts at, so reported rows are the file's.
 * The token comes from --token or REGISTRY_TOKEN; against a local registry (`npm start`) it is
 * signed with the local secret when neither is given.
 * Exit code 0: every row went in; 2: some rows were rejected (listed); 1: the import failed.
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_UPLOAD_BYTES } from '../functions/http/limits.js';
import { signToken, loadOrCreateSecret } from '../functions/local/tokens.js';
import type { ImportJobView } from '../shared/app/imports/read-import.js';
import type { RowResult } from '../shared/ports/import-jobs.js';

const POLL_MS = 500;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    institution: { type: 'string' },
    api: { type: 'string', default: process.env.REGISTRY_URL ?? `http://localhost:${process.env.PORT ?? 3000}` },
    token: { type: 'string' },
    report: { type: 'string' },
  },
});
const file = positionals[0];
const institution = values.institution;
if (!file || !institution) {
  process.stderr.write(
    'usage: npm run import:csv -- file.csv --institution <id> [--api URL] [--token JWT] [--report out.json]\n',
  );
  process.exit(1);
}
const api = values.api.replace(/\/+$/, '');

const tokenFor = async (): Promise<string> => {
  const given = values.token ?? process.env.REGISTRY_TOKEN;
  if (given) return given;
  const dataDir = process.env.DATA_DIR ?? '.data';
  if (!existsSync(path.join(dataDir, 'token-secret'))) {
    throw new Error('no token: pass --token or REGISTRY_TOKEN (locally, start the registry with npm start first)');
  }
  return signToken(loadOrCreateSecret(dataDir), {
    role: 'institution',
    id: institution,
    sub: `import-csv:${institution}`,
  });
};

/** The file cut at record boundaries into uploads under the limit, each with its header and first row. */
const uploadsOf = (text: string): { firstRow: number; body: string }[] => {
  if (Buffer.byteLength(text) <= MAX_UPLOAD_BYTES) return [{ firstRow: 2, body: text }];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records = parse(text, {
    bom: true,
    delimiter,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as { raw: string }[]; // raw: true yields { record, raw }, which the sync typings do not model
  const [head, ...rows] = records.map((r) => r.raw.replace(/\r?\n$/, ''));
  if (head === undefined) throw new Error(`${file} is empty`);
  const budget = MAX_UPLOAD_BYTES - Buffer.byteLength(head) - 1;
  const uploads: { firstRow: number; body: string }[] = [];
  let current: string[] = [];
  let bytes = 0;
  let firstRow = 2;
  for (const row of rows) {
    const size = Buffer.byteLength(row) + 1;
    if (current.length > 0 && bytes + size > budget) {
      uploads.push({ firstRow, body: `${head}\n${current.join('\n')}\n` });
      firstRow += current.length;
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) uploads.push({ firstRow, body: `${head}\n${current.join('\n')}\n` });
  return uploads;
};

const call = async <T>(
  method: string,
  url: string,
  token: string,
  init: { body?: string; contentType?: string } = {},
): Promise<T> => {
  const res = await fetch(`${api}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${body.error?.message ?? ''}`);
  return body;
};

const bar = (done: number, total: number, started: number) => {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${total === 0 ? 100 : Math.floor((done / total) * 100)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows  ${seconds} s`;
};

/** Every entry of the job's per-row report, optionally one outcome only. */
const rowsOf = async (jobId: string, token: string, outcome?: RowResult['outcome']): Promise<RowResult[]> => {
  const rows: RowResult[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(outcome ? { outcome } : {}), ...(cursor ? { cursor } : {}) });
    const page = await call<{ items: RowResult[]; cursor?: string }>(
      'GET',
      `/imports/${encodeURIComponent(jobId)}/rows?${query}`,
      token,
    );
    rows.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return rows;
};

const main = async () => {
  const token = await tokenFor();
  const started = Date.now();
  const jobs: ImportJobView[] = [];
  for (const upload of uploadsOf(readFileSync(file, 'utf8'))) {
    jobs.push(
      await call<ImportJobView>(
        'POST',
        `/institutions/${encodeURIComponent(institution)}/imports?firstRow=${upload.firstRow}`,
        token,
        {
          body: upload.body,
          contentType: 'text/csv; charset=utf-8',
        },
      ),
    );
  }
  process.stderr.write(`import ${jobs.map((j) => j.id).join(', ')} started\n`);

  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  const show = () => {
    const done = jobs.reduce((n, j) => n + j.processed, 0);
    const total = jobs.reduce((n, j) => n + j.rows, 0);
    if (tty) process.stderr.write(`\r${bar(done, total, started)}`);
    else if (Math.floor((done / Math.max(total, 1)) * 10) > lastDecile) {
      lastDecile = Math.floor((done / Math.max(total, 1)) * 10);
      process.stderr.write(`${bar(done, total, started)}\n`);
    }
  };
  const finished = (j: ImportJobView) => j.status === 'completed' || j.status === 'failed';
  show();
  while (!jobs.every(finished)) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    for (const [i, job] of jobs.entries()) {
      if (!finished(job)) jobs[i] = await call<ImportJobView>('GET', `/imports/${encodeURIComponent(job.id)}`, token);
    }
    show();
  }
  if (tty) process.stderr.write('\n');

  const failed = jobs.filter((j) => j.status === 'failed');
  const sum = (key: 'rows' | 'created' | 'updated' | 'unchanged' | 'rejected') => jobs.reduce((n, j) => n + j[key], 0);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${sum('rows')} rows in ${seconds.toFixed(1)} s: ${sum('created')} created, ${sum('updated')} updated, ${sum('unchanged')} unchanged, ${sum('rejected')} rejected\n`,
  );
  const problems = [
    ...jobs.flatMap((j) => j.headerProblems.map((p) => ({ row: 1, ...p }))),
    ...(await Promise.all(jobs.map((j) => rowsOf(j.id, token, 'rejected'))))
      .flat()
      .flatMap((r) => (r.problems ?? []).map((p) => ({ row: r.row, ...p }))),
  ].sort((a, b) => a.row - b.row);
  for (const p of problems.slice(0, 50)) process.stdout.write(`  row ${p.row}, ${p.column}: ${p.message}\n`);
  if (problems.length > 50) process.stdout.write(`  … and ${problems.length - 50} more problems (see --report)\n`);
  for (const j of failed) process.stdout.write(`  import ${j.id} failed: ${j.failure ?? 'unknown reason'}\n`);
  if (values.report) {
    const rows = (await Promise.all(jobs.map((j) => rowsOf(j.id, token)))).flat().sort((a, b) => a.row - b.row);
    writeFileSync(
      values.report,
      `${JSON.stringify(
        {
          institutionId: institution,
          jobs: jobs.map((j) => j.id),
          seconds,
          rows: sum('rows'),
          created: sum('created'),
          updated: sum('updated'),
          unchanged: sum('unchanged'),
          rejected: sum('rejected'),
          problems,
          results: rows,
        },
        null,
        2,
      )}\n`,
    );
  }
  process.exitCode = failed.length > 0 ? 1 : sum('rejected') > 0 ? 2 : 0;
};

main().catch((err: unknown) => {
  process.stderr.write(`\nimport failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
