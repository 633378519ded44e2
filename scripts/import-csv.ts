/*
 * `npm run import:csv -- file.csv --institution luh [--api URL] [--token JWT] [--report out.json]`
 *
 * Sends a CSV of credentials (docs/csv-import.md) to POST /institutions/{id}/credentials/import,
 * in parts of at most 250 rows and 200 KB (the API takes 256 KB a request), each with the row it
 * starts at, so the report's rows are the file's. The token comes from --token or REGISTRY_TOKEN;
 * against a local registry (`npm start`) it is signed with the local secret when neither is given.
 * Exit code 0: every row went in; 2: some rows were rejected (listed); 1: the import failed.
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signToken, loadOrCreateSecret } from '../functions/local/tokens.js';
import type { ImportReport } from '../shared/app/csv/import-credentials.js';

const MAX_ROWS = 250;
const MAX_BYTES = 200 * 1024;
const PARALLEL = 4;

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
  process.stderr.write('usage: npm run import:csv -- file.csv --institution <id> [--api URL] [--token JWT] [--report out.json]\n');
  process.exit(1);
}

const tokenFor = async (): Promise<string> => {
  const given = values.token ?? process.env.REGISTRY_TOKEN;
  if (given) return given;
  const dataDir = process.env.DATA_DIR ?? '.data';
  if (!existsSync(path.join(dataDir, 'token-secret'))) {
    throw new Error('no token: pass --token or REGISTRY_TOKEN (locally, start the registry with npm start first)');
  }
  return signToken(loadOrCreateSecret(dataDir), { role: 'institution', id: institution, sub: `import-csv:${institution}` });
};

/** The header line and each record's own text, cut into parts the API accepts. */
const partsOf = (text: string): { header: string; parts: { firstRow: number; body: string; rows: number }[] } => {
  const delimiter = /;/.test(text.split(/\r?\n/, 1)[0] ?? '') && !/,/.test(text.split(/\r?\n/, 1)[0] ?? '') ? ';' : ',';
  const records = parse(text, { bom: true, delimiter, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { raw: string }[]; // raw: true yields { record, raw }, which the sync typings do not model
  const [head, ...rows] = records.map((r) => r.raw.replace(/\r?\n$/, ''));
  if (head === undefined) throw new Error(`${file} is empty`);
  const parts: { firstRow: number; body: string; rows: number }[] = [];
  let current: string[] = [];
  let bytes = 0;
  let firstRow = 2;
  const flush = () => {
    if (current.length === 0) return;
    parts.push({ firstRow, body: `${head}\n${current.join('\n')}\n`, rows: current.length });
    firstRow += current.length;
    current = [];
    bytes = 0;
  };
  for (const row of rows) {
    const size = Buffer.byteLength(row) + 1;
    if (current.length >= MAX_ROWS || bytes + size > MAX_BYTES - Buffer.byteLength(head)) flush();
    current.push(row);
    bytes += size;
  }
  flush();
  return { header: head, parts };
};

const bar = (done: number, total: number, started: number) => {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${total === 0 ? 100 : Math.floor((done / total) * 100)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows  ${seconds} s`;
};

const main = async () => {
  const text = readFileSync(file, 'utf8');
  const { parts } = partsOf(text);
  const total = parts.reduce((n, p) => n + p.rows, 0);
  const token = await tokenFor();
  const url = `${values.api.replace(/\/+$/, '')}/institutions/${encodeURIComponent(institution)}/credentials/import`;
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  let lastDecile = -1;
  const show = () => {
    if (tty) process.stderr.write(`\r${bar(done, total, started)}`);
    else if (Math.floor((done / Math.max(total, 1)) * 10) > lastDecile) {
      lastDecile = Math.floor((done / Math.max(total, 1)) * 10);
      process.stderr.write(`${bar(done, total, started)}\n`);
    }
  };
  show();
  const reports: ImportReport[] = [];
  const queue = [...parts];
  const send = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const res = await fetch(`${url}?firstRow=${part.firstRow}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
        body: part.body,
      });
      const body = (await res.json()) as ImportReport & { error?: { message: string } };
      if (!res.ok) throw new Error(`rows ${part.firstRow}–${part.firstRow + part.rows - 1}: ${res.status} ${body.error?.message ?? ''}`);
      reports.push(body);
      done += part.rows;
      show();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, send));
  if (tty) process.stderr.write('\n');

  const sum = (key: 'created' | 'updated' | 'unchanged' | 'rejected') => reports.reduce((n, r) => n + r[key], 0);
  const problems = reports.flatMap((r) => r.problems).sort((a, b) => a.row - b.row);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${total} rows in ${seconds.toFixed(1)} s: ${sum('created')} created, ${sum('updated')} updated, ${sum('unchanged')} unchanged, ${sum('rejected')} rejected\n`,
  );
  for (const p of problems.slice(0, 50)) process.stdout.write(`  row ${p.row}, ${p.column}: ${p.message}\n`);
  if (problems.length > 50) process.stdout.write(`  … and ${problems.length - 50} more problems (see --report)\n`);
  if (values.report) {
    writeFileSync(values.report, `${JSON.stringify({ institutionId: institution, rows: total, created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged'), rejected: sum('rejected'), seconds, problems, credentials: reports.flatMap((r) => r.credentials) }, null, 2)}\n`);
  }
  process.exitCode = sum('rejected') > 0 ? 2 : 0;
};

main().catch((err: unknown) => {
  process.stderr.write(`\nimport failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
