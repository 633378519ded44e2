import { createHash, randomBytes } from 'node:crypto';

/** Server-assigned ids come in through a port so that the seed can choose stable ones. */
export interface IdGenerator {
  credentialId(institutionId: string, title: string): string;
  programmeId(allianceId: string, title: string): string;
  importJobId(institutionId: string): string;
}

export const slugify = (text: string, maxLength: number): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');

const suffix = () => randomBytes(4).toString('hex').slice(0, 6);

/**
 * `<alliance>-<title>-<suffix>` within the 64 characters of a slug: an alliance id may itself take
 * 64, so the readable part is cut to leave room for the suffix that makes the id unique.
 */
const boundedProgrammeId = (allianceId: string, title: string, unique: string): string => {
  const readable = [allianceId, slugify(title, 40)]
    .filter(Boolean)
    .join('-')
    .slice(0, 64 - unique.length - 1)
    .replace(/-+$/g, '');
  return `${readable}-${unique}`;
};

/** Readable and collision-resistant: `luh-applied-machine-learning-3f9a1c`. */
export const randomIds: IdGenerator = {
  credentialId: (institutionId, title) => [institutionId, slugify(title, 40), suffix()].filter(Boolean).join('-'),
  programmeId: (allianceId, title) => boundedProgrammeId(allianceId, title, suffix()),
  // Unguessable as well as unique: a job's report names the institution's rows.
  importJobId: (institutionId) => `${institutionId}-import-${randomBytes(12).toString('hex')}`,
};

/**
 * Ids of a write that carries an Idempotency-Key: the suffix comes from the caller and the key, so
 * a retry whose first attempt wrote but lost its answer names the same credential or programme and
 * finds it, instead of creating a second one under a new id (SPEC §4: a retry writes nothing new).
 * Import jobs keep random ids: their rows are idempotent on their own, and a second job of the same
 * file writes nothing new.
 */
export const keyedIds = (seed: string): IdGenerator => {
  const keyed = createHash('sha256').update(seed).digest('hex').slice(0, 6);
  return {
    credentialId: (institutionId, title) => [institutionId, slugify(title, 40), keyed].filter(Boolean).join('-'),
    programmeId: (allianceId, title) => boundedProgrammeId(allianceId, title, keyed),
    importJobId: randomIds.importJobId,
  };
};
