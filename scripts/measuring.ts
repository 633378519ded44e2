import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '../functions/http/log.js';
import { type LocalRegistry, type LocalRegistryOptions, startLocalRegistry } from '../functions/local/registry.js';
import type { IdGenerator } from '../shared/ports/ids.js';
import type { CredentialDraft } from '../shared/schemas/credential.js';

/* What the measuring scripts (latency, scale, bench:http) share. */

/**
 * A registry started inside a measuring script logs a line per request at INFO; those lines would
 * measure the terminal. Warnings and errors still show; POWERTOOLS_LOG_LEVEL, when set, decides.
 */
export const quietRequestLog = (): void => {
  if (process.env.POWERTOOLS_LOG_LEVEL === undefined) logger.setLogLevel('WARN');
};

/**
 * A registry of the script's own: in memory, on a free port, its table named `name`, its token
 * secret in a fresh temporary folder.
 */
export const scratchRegistry = (
  name: string,
  options: Partial<Omit<LocalRegistryOptions, 'tableName'>> = {},
): Promise<LocalRegistry> =>
  startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), `registry-${name}-`)),
    inMemory: true,
    seed: false,
    tableName: name,
    ...options,
  });

/** Ids the script chooses, so that what it writes can be named in its requests. */
export const fixedId = (id: string): IdGenerator => ({
  credentialId: () => id,
  programmeId: () => id,
  importJobId: () => id,
});

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export const round = (n: number): number => Number(n.toFixed(2));

/** Milliseconds a run took, and what it returned. */
export const timed = async <T>(run: () => T | Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const out = await run();
  return [performance.now() - t0, out];
};

/**
 * The i-th of a run of generated offerings: institutions and subject areas taken in turn, 5 ECTS at
 * EQF 7 unless `over` says otherwise.
 */
export const generatedDraft = (
  i: number,
  institutions: readonly string[],
  subjects: readonly string[],
  over: Partial<CredentialDraft> = {},
): CredentialDraft => {
  const institutionId = institutions[i % institutions.length] ?? 'luh';
  return {
    institutionId,
    awardingBodies: [institutionId],
    title: `Generated offering ${i}`,
    learningOutcomes: ['Apply the methods of the field to a realistic problem'],
    ects: 5,
    eqfLevel: 7,
    assessment: 'exam',
    participation: 'online',
    qualityAssurance: 'external-esg',
    stackability: 'stackable',
    subjectArea: subjects[i % subjects.length] ?? '0613',
    ...over,
  } as CredentialDraft; // every mandatory element is set; the schema's optional fields are left out
};
