import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalRegistry } from '../../functions/local/registry.js';
import { signToken } from '../../functions/local/tokens.js';
import { ALL_COLUMNS, COLUMNS, KEY_COLUMN } from '../../shared/app/csv/columns.js';
import {
  demoSignIn,
  hasChromium,
  launch,
  screenshotDir,
  settled,
  startBrowserRegistry,
  watchErrors,
} from './browser.js';

/*
 * The import view end to end in Chromium against a local registry (seeded demo alliance, demo
 * sign-in, the in-process import queue): a registrar uploads a CSV, follows the job's progress and
 * reads the report. The finished import is photographed (docs/screenshots/ with `npm run screenshots`).
 */
const SAMPLE = readFileSync(new URL('../../docs/sample-credentials.csv', import.meta.url), 'utf8');
const [HEADER = '', FIRST_ROW = ''] = SAMPLE.trim().split('\n');

interface BadRow {
  readonly row: number;
  readonly columns: readonly string[];
}

/**
 * `good` rows made from the sample's first row with their own key (`<prefix>-<i>`) and title, and
 * two invalid rows among them; `row` is the spreadsheet row (the header is row 1).
 */
const csvOf = (prefix: string, good: number): { csv: string; rows: number; bad: BadRow[] } => {
  const lines = [HEADER];
  const bad: BadRow[] = [];
  for (let i = 0; i < good; i++) {
    lines.push(
      FIRST_ROW.replace(/^deep-learning,Deep Learning for Engineers/, `${prefix}-${i},Bulk offering ${prefix} ${i}`),
    );
    if (i === Math.floor(good / 3)) {
      lines.push(`${prefix}-bad-ects,Bad ECTS,Outcome,zero,150,7,exam,onsite,internal,,,stackable,,,0613,en,,`);
      bad.push({ row: lines.length, columns: ['ects'] });
    }
    if (i === Math.floor((2 * good) / 3)) {
      lines.push(`${prefix}-bad-level,Bad level,Outcome,5,150,9,essay,onsite,internal,,,stackable,,,0613,en,,`);
      bad.push({ row: lines.length, columns: ['eqf_level', 'assessment'] });
    }
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1, bad };
};

const asFile = (csv: string) => ({ name: 'offerings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

describe.skipIf(!hasChromium)('import view in Chromium', () => {
  let registry: LocalRegistry;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let shots: string;

  const go = async (hash: string) => {
    await page.goto(`${registry.url}/${hash}`);
    await settled(page);
  };
  const cell = (outcome: string) => page.getByTestId('import-counts').locator(`tr[data-outcome="${outcome}"] td.num`);
  /** The spreadsheet rows of the rejected-rows table with the columns named for each. */
  const rejectedRows = () =>
    page
      .getByTestId('import-rejected')
      .locator('tbody tr')
      .evaluateAll((rows) => {
        const byRow = new Map<number, string[]>();
        for (const tr of rows) {
          const row = Number(tr.getAttribute('data-row'));
          byRow.set(row, [...(byRow.get(row) ?? []), tr.querySelector('code')?.textContent ?? '']);
        }
        return [...byRow].map(([row, columns]) => ({ row, columns }));
      });
  const jobRequests = (into: Request[]) =>
    page.on('request', (request) => {
      if (request.method() === 'GET' && /\/imports\/[^/]+$/.test(new URL(request.url()).pathname)) into.push(request);
    });

  beforeAll(async () => {
    [registry, browser] = await Promise.all([startBrowserRegistry({ devTokens: true }), launch()]);
    shots = screenshotDir();
  }, 120_000);

  beforeEach(async () => {
    await page?.context().close();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await registry?.stop();
  });

  it('imports a file as LUH: progress to the end, the counts, the rejected rows by column, a readable credential', async () => {
    const prefix = `b${randomUUID().slice(0, 6)}`;
    const { csv, rows, bad } = csvOf(prefix, 300);
    const polls: Request[] = [];
    jobRequests(polls);
    await go('#/import');
    await demoSignIn(page, 'institution:luh');
    await page.getByRole('heading', { level: 1, name: 'Import credentials from a spreadsheet' }).waitFor();
    expect(await page.getByTestId('import-target').textContent()).toContain('(LUH)');
    await page.getByLabel('CSV file').setInputFiles(asFile(csv));
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.getByRole('heading', { level: 2, name: 'Import complete' }).waitFor({ timeout: 60_000 });
    const progress = page.getByLabel('Rows processed');
    expect(await progress.getAttribute('max')).toBe(String(rows));
    expect(await progress.getAttribute('value')).toBe(String(rows));
    expect(await page.getByTestId('import-progress-text').textContent()).toBe(`${rows} of ${rows} rows`);
    expect(await page.getByTestId('import-status').textContent()).toBe('Completed');
    expect(polls.length, 'the job is read more than once while it runs').toBeGreaterThan(1);

    expect(await cell('created').textContent()).toBe('300');
    expect(await cell('updated').textContent()).toBe('0');
    expect(await cell('unchanged').textContent()).toBe('0');
    expect(await cell('rejected').textContent()).toBe(String(bad.length));
    expect(await rejectedRows()).toEqual(bad);
    expect(await page.getByTestId('import-created').locator('li').count()).toBe(10);
    await page.screenshot({ path: path.join(shots, 'import.png'), fullPage: true });

    const credential = await fetch(`${registry.url}/credentials/luh--${prefix}-7`);
    expect(credential.status).toBe(200);
    expect(await credential.json()).toMatchObject({
      id: `luh--${prefix}-7`,
      title: `Bulk offering ${prefix} 7`,
      status: 'published',
    });
    expect(errors).toEqual([]);
  }, 90_000);

  it('stops reading the job once the user leaves the import view', async () => {
    const { csv } = csvOf(`s${randomUUID().slice(0, 6)}`, 500);
    const polls: Request[] = [];
    jobRequests(polls);
    await go('#/import');
    await demoSignIn(page, 'institution:luh');
    await page.getByLabel('CSV file').setInputFiles(asFile(csv));
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect.poll(() => polls.length, { timeout: 20_000 }).toBeGreaterThan(1);
    const jobId = new URL(page.url()).hash.split('job=')[1] ?? '';

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catalogue of micro-credentials' }).waitFor();
    const token = await signToken(registry.secret, { role: 'institution', id: 'luh' });
    const job = (await (
      await fetch(`${registry.url}/imports/${jobId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { status: string };
    expect(job.status, 'the import still runs after the user left').not.toBe('completed');
    const seen = polls.length;
    await page.waitForTimeout(2_000); // four poll intervals: absence can only be waited for
    expect(polls.length).toBe(seen);
    expect(errors).toEqual([]);
    await registry.imports.idle(); // the next test's import does not queue behind this one
  }, 60_000);

  it('lets a coordinator import for a member institution it picks', async () => {
    const prefix = `c${randomUUID().slice(0, 6)}`;
    await go('#/import');
    await demoSignIn(page, 'coordinator:demo');
    await page.getByLabel('Institution').selectOption('lut');
    await page.getByLabel('CSV file').setInputFiles(asFile(csvOf(prefix, 3).csv));
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { level: 2, name: 'Import complete' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-meta').textContent()).toContain('(LUT)');
    expect(await cell('created').textContent()).toBe('3');
    expect((await fetch(`${registry.url}/credentials/lut--${prefix}-0`)).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('refuses a file without a required column and names the column', async () => {
    const drop = (line: string) =>
      line
        .split(',')
        .filter((_, i) => i !== 3)
        .join(','); // the 4th column is ects
    expect(HEADER.split(',')[3]).toBe('ects');
    await go('#/import');
    await demoSignIn(page, 'institution:luh');
    await page.getByLabel('CSV file').setInputFiles(asFile(`${drop(HEADER)}\n${drop(FIRST_ROW)}\n`));
    await page.getByRole('button', { name: 'Start import' }).click();
    const alert = page.getByTestId('import-upload-status').getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('li').allTextContents()).toEqual(['(column) ects — required column "ects" is missing']);
    expect(await page.getByRole('button', { name: 'Start import' }).isEnabled()).toBe(true);
    // Chromium reports the refused upload itself; nothing else may go wrong.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });

  it('ends a session whose token the registry refuses, and says so in the header', async () => {
    await go('#/import');
    await demoSignIn(page, 'institution:luh');
    // The same claims signed by another secret: readable by the app, refused by the API (401).
    const forged = await signToken(new TextEncoder().encode('not the registry secret, not the registry secret'), {
      role: 'institution',
      id: 'luh',
    });
    await page.evaluate(`window.sessionStorage.setItem('registry.accessToken', ${JSON.stringify(forged)})`);
    await page.reload(); // the app reads the stored token on load
    await settled(page);
    expect(await page.getByTestId('session-who').textContent()).toMatch(/LUH/);
    await page.getByLabel('CSV file').setInputFiles(asFile(`${HEADER}\n${FIRST_ROW}\n`));
    await page.getByRole('button', { name: 'Start import' }).click();
    await page
      .locator('#session')
      .getByRole('alert')
      .filter({ hasText: 'no longer accepts your sign-in' })
      .waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('session-who').count()).toBe(0);
    expect(await page.getByLabel('Demo sign-in').isVisible()).toBe(true);
    expect(await page.evaluate("window.sessionStorage.getItem('registry.accessToken')")).toBeNull();
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  it('tells a student who can import, with no file to choose', async () => {
    await go('#/import');
    await demoSignIn(page, 'student:');
    const who = page.getByTestId('import-who');
    expect(await who.textContent()).toMatch(
      /member institution.*coordinator.*signed in as student, who cannot import.*header/s,
    );
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('links the sample file the docs describe and lists the columns the import reads', async () => {
    await go('#/import');
    await demoSignIn(page, 'institution:luh');
    const href = await page.getByRole('link', { name: 'sample file (CSV)' }).getAttribute('href');
    const served = await fetch(`${registry.url}${href}`);
    expect(served.headers.get('content-type')).toContain('text/csv');
    expect(await served.text()).toBe(SAMPLE);
    const listed = await page
      .getByTestId('import-columns')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          name: tr.getAttribute('data-column'),
          required: tr.getAttribute('data-required') === 'true',
        })),
      );
    expect(listed).toEqual(
      ALL_COLUMNS.map((name) => ({
        name,
        required: name === KEY_COLUMN || COLUMNS.some((c) => c.name === name && c.required),
      })),
    );
    expect(errors).toEqual([]);
  });
});
