import { randomBytes } from 'node:crypto';

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

/** Readable and collision-resistant: `luh-applied-machine-learning-3f9a1c`. */
export const randomIds: IdGenerator = {
  credentialId: (institutionId, title) => [institutionId, slugify(title, 40), suffix()].filter(Boolean).join('-'),
  programmeId: (allianceId, title) => [allianceId, slugify(title, 40), suffix()].filter(Boolean).join('-'),
  // Unguessable as well as unique: a job's report names the institution's rows.
  importJobId: (institutionId) => `${institutionId}-import-${randomBytes(12).toString('hex')}`,
};
