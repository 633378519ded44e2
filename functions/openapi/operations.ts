import type { z } from 'zod/mini';
import { Alliance } from '../../shared/schemas/alliance.js';
import { Credential } from '../../shared/schemas/credential.js';
import { ImportJobView, RowResult } from '../../shared/schemas/import-job.js';
import { Institution } from '../../shared/schemas/institution.js';
import { Programme, ProgrammeVersion } from '../../shared/schemas/programme.js';
import { Rule } from '../../shared/schemas/rule.js';

/*
 * What the route table cannot say about an operation: its summary, its success status and, where
 * the registry has a zod schema for it, the shape of the answer. Request bodies and query strings
 * are not described here: they come from the schemas each handler validates with (route().spec).
 */
export interface OperationDoc {
  readonly summary: string;
  readonly tag: string;
  readonly status: 200 | 201 | 202 | 204;
  readonly description?: string;
  /** A named schema of components.schemas, or a list of it (a page). */
  readonly answer?: { readonly schema: SchemaName; readonly page?: true };
  /** A body field the handler takes as `unknown` and the use-case parses with a named schema. */
  readonly bodyField?: { readonly name: string; readonly schema: SchemaName };
  /** Media type of the answer when it is not JSON. */
  readonly produces?: string;
  /** Required request headers beyond the bearer token. */
  readonly headers?: readonly { readonly name: string; readonly description: string }[];
}

/** Answer schemas shared by several operations (components.schemas). */
export const NAMED_SCHEMAS = {
  Institution,
  Alliance,
  Credential,
  Programme,
  ProgrammeVersion,
  Rule,
  ImportJob: ImportJobView,
  ImportRow: RowResult,
} as const satisfies Record<string, z.ZodMiniType>;
export type SchemaName = keyof typeof NAMED_SCHEMAS;

const op = (
  summary: string,
  tag: string,
  status: OperationDoc['status'],
  extra: Partial<OperationDoc> = {},
): OperationDoc => ({
  summary,
  tag,
  status,
  ...extra,
});

/** Keyed by API Gateway route key (`METHOD /path`); the generator fails on a route missing here. */
export const OPERATIONS: Readonly<Record<string, OperationDoc>> = {
  'GET /health': op('Health check', 'meta', 200, { description: 'Answers `{ "status": "ok" }`.' }),
  'GET /openapi.json': op('This OpenAPI document', 'meta', 200),

  'POST /institutions': op('Register an institution', 'institutions', 201, { answer: { schema: 'Institution' } }),
  'GET /institutions': op('List institutions', 'institutions', 200, { answer: { schema: 'Institution', page: true } }),
  'GET /institutions/{id}': op('Get an institution', 'institutions', 200, { answer: { schema: 'Institution' } }),

  'POST /alliances': op('Create an alliance', 'alliances', 201, { answer: { schema: 'Alliance' } }),
  'GET /alliances/{id}': op('Get an alliance', 'alliances', 200, { answer: { schema: 'Alliance' } }),
  'PUT /alliances/{id}/members/{institutionId}': op(
    'Add a member institution (operator) or invite one (coordinator)',
    'alliances',
    201,
    {
      answer: { schema: 'Alliance' },
      description:
        'An institution named by the operator is a member at once; one named by a coordinator is listed in `invited` until its ' +
        'own registrar accepts. 201 when the alliance changed, 200 when the institution already was a member (or already invited).',
    },
  ),
  'POST /alliances/{id}/members/{institutionId}/accept': op(
    'Accept an invitation (the invited institution)',
    'alliances',
    200,
    {
      answer: { schema: 'Alliance' },
      description:
        'Only the invited institution itself may accept; it is then a member. 404 when there is no such invitation.',
    },
  ),

  'POST /credentials': op('Register a micro-credential', 'credentials', 201, { answer: { schema: 'Credential' } }),
  'POST /credentials/validate': op('Check a draft against the EU standard elements', 'credentials', 200, {
    description: 'Never writes. Answers `{ valid, problems: [ { path, message } ] }`.',
  }),
  'GET /credentials': op('Browse the catalogue', 'credentials', 200, { answer: { schema: 'Credential', page: true } }),
  'GET /credentials/{id}': op('Get a credential (latest, or `id@version`)', 'credentials', 200, {
    answer: { schema: 'Credential' },
  }),
  'GET /credentials/{id}/versions/{n}': op('Get one version of a credential', 'credentials', 200, {
    answer: { schema: 'Credential' },
  }),
  'PUT /credentials/{id}': op('Publish a new version', 'credentials', 200, {
    answer: { schema: 'Credential' },
    headers: [
      {
        name: 'If-Match',
        description: 'the version this update is based on (the ETag of GET /credentials/{id}); 412 if missing or stale',
      },
    ],
  }),
  'POST /credentials/{id}/retire': op('Retire a credential', 'credentials', 200, { answer: { schema: 'Credential' } }),
  'POST /credentials/{id}/confirm': op(
    'Confirm a co-awarding or quality-assurance claim (the named institution)',
    'credentials',
    200,
    {
      answer: { schema: 'Credential' },
      description:
        'An institution named in `awardingBodies` or as `qaResponsible` confirms its part of the given (current) version; it is ' +
        'then listed in `confirmedBy`. Until then exports, `countries` and recognition checks leave it out. 409 when the version ' +
        'is not current or the credential is retired.',
    },
  ),

  'POST /alliances/{id}/programmes': op('Propose a joint programme (version 1)', 'programmes', 201, {
    bodyField: { name: 'rule', schema: 'Rule' },
  }),
  'GET /alliances/{id}/programmes': op('List the programmes of an alliance', 'programmes', 200, {
    description: 'Answers `{ items: [ { id, title, status, currentVersion } ], cursor? }`.',
  }),
  'GET /programmes/{id}': op('Get a programme: status, versions, approvals, history', 'programmes', 200, {
    answer: { schema: 'Programme' },
  }),
  'GET /programmes/{id}/versions/{n}': op('Get one version of a programme rule', 'programmes', 200, {
    answer: { schema: 'ProgrammeVersion' },
  }),
  'POST /programmes/{id}/versions': op('Amend the rule (409 unless baseVersion is current)', 'programmes', 201, {
    bodyField: { name: 'rule', schema: 'Rule' },
  }),
  'POST /programmes/{id}/approvals': op('Approve a version by its content hash (409 if stale)', 'programmes', 200, {
    answer: { schema: 'Programme' },
  }),
  'POST /programmes/{id}/withdraw': op(
    'Withdraw a programme, saying why (the reason stays in the history)',
    'programmes',
    200,
    { answer: { schema: 'Programme' } },
  ),
  'POST /programmes/{id}/preview': op('What an amendment to this rule would do; writes nothing', 'programmes', 200, {
    description:
      'Answers `{ current: { version, total, exact }, proposed: { total, exact }, modules: { added, removed }, warnings, rule, contentHash }`: the exact number of valid compositions of the current version and of the rule sent (decimal strings), the modules it adds and removes, and its warnings.',
    bodyField: { name: 'rule', schema: 'Rule' },
  }),
  'POST /programmes/{id}/comments': op('Comment on a version; shown in the history', 'programmes', 201, {
    answer: { schema: 'Programme' },
  }),
  'GET /programmes/{id}/history': op('The history of a programme, newest first, page by page', 'programmes', 200, {
    description:
      'Answers `{ items: [ { seq, type, actor, institutionId?, at, version, contentHash, comment?, reason? } ], cursor? }`.',
  }),

  'POST /programmes/{id}/stackability': op('Does a set of credentials compose the programme?', 'engine', 200, {
    description: 'Answers `{ valid, extendable, totalEcts, violations: [ { rule, message } ], allocation }`.',
  }),
  'POST /programmes/{id}/eligibility': op(
    'Do my credentials stack into the programme? The cheapest plan to complete it',
    'engine',
    200,
    {
      description:
        'Answers `{ eligible, counted, missing: [ { rule, message } ], plan: { add, additionalEcts } | null, notice }`. ' +
        'The plan minimises additional ECTS, then the number of credentials. The notice states that the award decision lies with the awarding institutions.',
    },
  ),
  'POST /programmes/{id}/pathways': op('Count and list the compositions of the programme', 'engine', 200, {
    description:
      'Answers `{ total (decimal string), exact, pathways: [ { credentials, totalEcts, institutions } ], cursor? }`.',
  }),

  'GET /credentials/{id}/export': op(
    'Export as Open Badges 3.0 Achievement or European Learning Model',
    'interoperability',
    200,
    {
      produces: 'application/ld+json',
    },
  ),
  'GET /programmes/{id}/export': op('Export a programme as OB3 or ELM', 'interoperability', 200, {
    produces: 'application/ld+json',
  }),
  'GET /credentials/{id}/programmes': op(
    'Where a credential counts: programmes listing it, and in how many compositions',
    'engine',
    200,
    {
      description:
        'Answers `{ credentialId, items: [ { programmeId, title, status, compositions, exact, allianceId, version } ] }`: every programme whose ' +
        "current version lists the credential among its `modules`, with the exact number of that version's valid compositions containing it " +
        '(a decimal string; `exact: false` only when the engine could not finish counting, and it is then a lower bound). ' +
        'Served from an index kept at write time (docs/data-model.md).',
    },
  ),
  'POST /eligibility': op('Which agreed programmes am I closest to?', 'engine', 200, {
    description:
      "Body `{ achievements, allianceId?, asOf? }` (achievements as for a programme's eligibility). Answers `{ asOf, items: [ { programmeId, " +
      'title, allianceId, status, ruleVersion, eligible, plan, missing } ], notice, imported? }`: every agreed programme (of the alliance), ' +
      "each answered as `POST /programmes/{id}/eligibility` answers it, closest first by the plan's additional ECTS (then the number of " +
      'credentials to add; programmes without a plan last).',
  }),
  'POST /plans': op('Save an eligibility answer as a plan, without an account', 'plans', 201, {
    description:
      'Body `{ programmeId, achievements, asOf? }` (achievements as for eligibility). Answers `{ id, programmeId, achievements, asOf?, answer, ' +
      "createdAt, expiresAt, deleteKey }`: `answer` is the programme's eligibility answer, `id` an unguessable 22-character id that is the " +
      'link to the plan, `deleteKey` the key to delete it (shown only here). The plan expires a year after it was saved. ' +
      'Nothing is stored but what was sent, the answer and these dates (docs/saved-plans.md).',
  }),
  'GET /plans/{id}': op('A saved plan, for whoever has its link', 'plans', 200, {
    description: 'Answers the plan as saved, without its delete key; 404 once it was deleted or has expired.',
  }),
  'DELETE /plans/{id}': op('Delete a saved plan', 'plans', 204, {
    description: "Needs the plan's delete key in the `Plan-Key` header: 400 without it, 403 with another key.",
    headers: [{ name: 'Plan-Key', description: 'the deleteKey POST /plans answered with' }],
  }),
  'POST /interoperability': op('Check a credential against a programme or institution', 'interoperability', 200, {
    description: 'Answers `{ compatible, recognitionRoute, checks: [ { element, ok, message } ] }`.',
  }),
  'POST /institutions/{id}/credentials/import': op('Bulk-register credentials from CSV', 'imports', 200, {
    description:
      'The body is a CSV file (columns: docs/csv-import.md), at most 256 KB per request, answered when every row is written; larger files go to `POST /institutions/{id}/imports`. ' +
      'A script sending a file in parts gives each its `firstRow`, so reported rows match the file. Good rows are written, bad rows reported as `{ row, column, message }`. ' +
      'Idempotent: a row’s credential id is `<institution>-<key>`; an unchanged row writes nothing, a changed row publishes its next version. ' +
      'Answers `{ rows, created, updated, unchanged, rejected, problems, credentials }`.',
  }),
  'POST /institutions/{id}/imports': op('Import a large CSV of credentials in the background', 'imports', 202, {
    answer: { schema: 'ImportJob' },
    description:
      'The body is a CSV file (columns: docs/csv-import.md) of up to 4 MB, about 15,000 rows. The whole file is validated at once: ' +
      'a missing required column refuses it (400); invalid rows are reported and never written. The answer (202, `Location: /imports/{id}`) ' +
      'comes before any credential is written; poll `GET /imports/{id}` for progress (`processed` of `rows`) and read the per-row report at ' +
      '`GET /imports/{id}/rows`. Idempotent as the synchronous import: sending the same file again writes nothing new.',
  }),
  'GET /imports/{id}': op('Progress and counts of an import job', 'imports', 200, {
    answer: { schema: 'ImportJob' },
    description:
      'For the institution and the coordinators of its alliances; anyone else gets 404. `status` goes queued → running → completed (or failed, with `failure`).',
  }),
  'GET /imports/{id}/rows': op('The per-row report of an import job', 'imports', 200, {
    answer: { schema: 'ImportRow', page: true },
    description:
      'One entry per row that has an outcome, in row order; `outcome=rejected` lists the rows to fix, each with `{ column, message }` problems.',
  }),
  'GET /alliances/{id}/interoperability': op('How complete each member’s credentials are', 'interoperability', 200),
};
