/*
 * Every key of the table is built here and nowhere else (STYLE §5). Numbers are zero-padded so that
 * lexical order is numeric order.
 */
export type Key = {
  pk: string;
  sk: string;
};

const pad = (n: number) => String(n).padStart(6, '0');

export const keys = {
  institution: (id: string): Key => ({ pk: 'INSTITUTIONS', sk: `INST#${id}` }),
  institutionsPartition: 'INSTITUTIONS',
  institutionSkPrefix: 'INST#',

  alliance: (id: string): Key => ({ pk: `ALLIANCE#${id}`, sk: 'ALLIANCE' }),

  credentialHead: (id: string): Key => ({ pk: `CRED#${id}`, sk: 'HEAD' }),
  credentialVersion: (id: string, version: number): Key => ({ pk: `CRED#${id}`, sk: `V#${pad(version)}` }),

  /** Catalogue entries: one item per facet value of a published credential, sorted by id. */
  catalogueAll: () => 'CAT#all',
  catalogueInstitution: (id: string) => `CAT#inst#${id}`,
  catalogueEqf: (level: number) => `CAT#eqf#${level}`,
  catalogueSubject: (code: string) => `CAT#subj#${code}`,
  catalogueSkill: (uri: string) => `CAT#skill#${uri}`,
  catalogueEntry: (partition: string, credentialId: string): Key => ({ pk: partition, sk: credentialId }),
  /** An institution's catalogue revision: bumped with every change to its published offerings. */
  catalogueRevision: (institutionId: string): Key => ({ pk: `CATREV#${institutionId}`, sk: 'REV' }),

  programmeHead: (id: string): Key => ({ pk: `PROG#${id}`, sk: 'HEAD' }),
  programmeVersion: (id: string, version: number): Key => ({ pk: `PROG#${id}`, sk: `V#${pad(version)}` }),
  programmeEvent: (id: string, seq: number): Key => ({ pk: `PROG#${id}`, sk: `EVT#${pad(seq)}` }),
  programmePartition: (id: string) => `PROG#${id}`,
  versionSkPrefix: 'V#',
  eventSkPrefix: 'EVT#',
  programmesOfAlliance: (allianceId: string) => ({ gsi1pk: `ALLIANCE#${allianceId}#PROGRAMMES` }),

  idempotency: (scope: string, key: string): Key => ({ pk: `IDEM#${scope}`, sk: key }),

  /** An import job: its head, its parts (the rows waiting to be written) and one result per row. */
  importHead: (id: string): Key => ({ pk: `IMPORT#${id}`, sk: 'HEAD' }),
  importChunk: (id: string, chunk: number): Key => ({ pk: `IMPORT#${id}`, sk: `CHUNK#${pad(chunk)}` }),
  importRow: (id: string, row: number): Key => ({ pk: `IMPORT#${id}`, sk: `ROW#${pad(row)}` }),
  importPartition: (id: string) => `IMPORT#${id}`,
  importRowSkPrefix: 'ROW#',

  /** The module index (shared/ports/module-index.ts): programmes per listed credential, and every programme. */
  moduleListing: (credentialId: string, programmeId: string): Key => ({
    pk: `MODULE#${credentialId}`,
    sk: programmeId,
  }),
  modulePartition: (credentialId: string) => `MODULE#${credentialId}`,
  programmeListing: (programmeId: string): Key => ({ pk: 'PROGRAMMES', sk: programmeId }),
  programmesPartition: 'PROGRAMMES',

  /** A saved plan (SPEC §4): one item, found only by its unguessable id. */
  plan: (id: string): Key => ({ pk: `PLAN#${id}`, sk: 'PLAN' }),
};
