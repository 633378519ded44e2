import * as z from 'zod/mini';
import { DomainError } from '../../domain/errors.js';
import { CredentialDraft } from '../../schemas/credential.js';
import { LanguageTag, Slug } from '../../schemas/common.js';

/*
 * The CSV column set of docs/csv-import.md, mapped to the EU standard elements of a
 * CredentialDraft. Lists are separated by `|` inside one cell; empty cells mean "not given".
 * The row's `key` is the institution's own stable code for the offering: the credential id is
 * `<institution>-<key>`, so importing the same file again finds the same credentials.
 */
type ListField = 'learningOutcomes' | 'skills' | 'prerequisites' | 'language' | 'awardingBodies';
type NumberField = 'ects' | 'workloadHours' | 'eqfLevel';
type TextField =
  | 'title'
  | 'assessment'
  | 'participation'
  | 'qualityAssurance'
  | 'qaResponsible'
  | 'supervision'
  | 'stackability'
  | 'subjectArea'
  | 'furtherInfo';

interface Column {
  readonly name: string;
  readonly field: ListField | NumberField | TextField;
  readonly kind: 'list' | 'number' | 'text';
  readonly required: boolean;
}

const col = (name: string, field: Column['field'], kind: Column['kind'], required = false): Column => ({
  name,
  field,
  kind,
  required,
});

export const KEY_COLUMN = 'key';

export const COLUMNS: readonly Column[] = [
  col('title', 'title', 'text', true),
  col('learning_outcomes', 'learningOutcomes', 'list', true),
  col('ects', 'ects', 'number', true),
  col('workload_hours', 'workloadHours', 'number'),
  col('eqf_level', 'eqfLevel', 'number', true),
  col('assessment', 'assessment', 'text', true),
  col('participation', 'participation', 'text', true),
  col('quality_assurance', 'qualityAssurance', 'text', true),
  col('qa_responsible', 'qaResponsible', 'text'),
  col('supervision', 'supervision', 'text'),
  col('stackability', 'stackability', 'text', true),
  col('awarding_bodies', 'awardingBodies', 'list'),
  col('prerequisites', 'prerequisites', 'list'),
  col('subject_area', 'subjectArea', 'text'),
  col('language', 'language', 'list'),
  col('skills', 'skills', 'list'),
  col('further_info', 'furtherInfo', 'text'),
];

export const ALL_COLUMNS = [KEY_COLUMN, ...COLUMNS.map((c) => c.name)];
const COLUMN_OF_FIELD = new Map(COLUMNS.map((c) => [c.field as string, c.name]));

/** `title_<BCP-47 tag>` columns (`title_de`, `title_de-AT`) hold the title in that language (SPEC §3 `titles`). */
const TITLE_PREFIX = 'title_';

/** A BCP-47 tag in its usual case (`de-at` → `de-AT`, `sr-latn` → `sr-Latn`): column names arrive lower-cased. */
const canonicalTag = (tag: string): string =>
  tag
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      return part.length === 4 ? part[0]?.toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase();
    })
    .join('-');

/** The language of a `title_<tag>` column, or undefined for any other column. */
const titleLanguage = (column: string): string | undefined => {
  if (!column.startsWith(TITLE_PREFIX)) return undefined;
  const tag = LanguageTag.safeParse(column.slice(TITLE_PREFIX.length));
  return tag.success ? canonicalTag(tag.data) : undefined;
};

/** The CSV column of a draft field path such as `awardingBodies.0` or `titles.de`. */
export const columnOf = (path: string): string => {
  const [field = '', key] = path.split('.');
  if (field === 'titles' && key !== undefined) return `${TITLE_PREFIX}${key.toLowerCase()}`;
  return COLUMN_OF_FIELD.get(field) ?? (field === 'institutionId' ? '--institution' : field || '(row)');
};

export interface RowIssue {
  /** Spreadsheet row: the header is row 1, the first credential row 2. */
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

export type MappedRow =
  | { readonly ok: true; readonly row: number; readonly id: string; readonly draft: CredentialDraft }
  | { readonly ok: false; readonly row: number; readonly issues: RowIssue[] };

const RowKey = Slug.check(z.maxLength(40, 'key must be at most 40 characters'));

/**
 * A CSV row's credential is `<institution>--<key>`. Institution ids never contain `--` (schemas/
 * institution.ts) and server-assigned ids never do (slugify collapses hyphens), so the first `--`
 * always ends the institution: institution `tu` cannot name `tu-wien`'s credentials, and no row id
 * can be an id the API assigned.
 */
export const CSV_ID_SEPARATOR = '--';
const MAX_ID_LENGTH = 64;

export const csvCredentialId = (institutionId: string, key: string): string =>
  `${institutionId}${CSV_ID_SEPARATOR}${key}`;

export interface RowOptions {
  /** Read `2,5` as 2.5: the file is `;`-separated, as spreadsheets write it where the comma is the decimal separator. */
  readonly decimalComma?: boolean;
}

const cellValue = (column: Column, raw: string, options: RowOptions): unknown => {
  if (column.kind === 'list')
    return raw
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
  if (column.kind === 'number') {
    const number = options.decimalComma && /^-?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
    return /^-?\d+(\.\d+)?$/.test(number) ? Number(number) : raw;
  }
  return raw;
};

/**
 * The most columns a header may have: the known ones and a title column for each of the 24 EU
 * languages fit with room to spare. Past it the file is refused whole with one problem, so a header
 * of thousands of unknown columns costs neither a huge answer nor a huge job record.
 */
export const MAX_CSV_COLUMNS = 64;

const VALID_COLUMNS = `the columns are: ${ALL_COLUMNS.join(', ')}, and title_<language> for the title in another language`;

/** Header problems: too many columns, unknown ones (likely typos) and missing required ones; the valid columns are listed once. */
export const checkHeader = (header: readonly string[]): RowIssue[] => {
  if (header.length > MAX_CSV_COLUMNS) {
    const message = `the header has ${header.length} columns; at most ${MAX_CSV_COLUMNS} are read (${VALID_COLUMNS})`;
    throw new DomainError('VALIDATION_FAILED', message, [{ path: '(header)', message }]);
  }
  const known = new Set(ALL_COLUMNS);
  const issues: RowIssue[] = header
    .filter((h) => !known.has(h) && titleLanguage(h) === undefined)
    .map((h) => ({
      row: 1,
      column: h,
      message: h.startsWith(TITLE_PREFIX)
        ? `column "${h}": the title columns are title_<language>, with a BCP-47 language tag such as title_de or title_de-at`
        : `unknown column "${h}"`,
    }));
  if (issues.length > 0) issues.push({ row: 1, column: '(header)', message: VALID_COLUMNS });
  for (const name of [KEY_COLUMN, ...COLUMNS.filter((c) => c.required).map((c) => c.name)]) {
    if (!header.includes(name)) issues.push({ row: 1, column: name, message: `required column "${name}" is missing` });
  }
  return issues;
};

/** One CSV record as a CredentialDraft of `institutionId`, or its problems named by column. */
export const mapRow = (
  institutionId: string,
  row: number,
  record: Readonly<Record<string, string>>,
  options: RowOptions = {},
): MappedRow => {
  const issues: RowIssue[] = [];
  const key = RowKey.safeParse((record[KEY_COLUMN] ?? '').trim());
  if (!key.success) issues.push({ row, column: KEY_COLUMN, message: key.error.issues[0]?.message ?? 'invalid key' });
  const draft: Record<string, unknown> = { institutionId, awardingBodies: [institutionId] };
  for (const column of COLUMNS) {
    const raw = (record[column.name] ?? '').trim();
    if (raw !== '') draft[column.field] = cellValue(column, raw, options);
  }
  const titles = Object.entries(record).flatMap(([name, value]) => {
    const language = titleLanguage(name);
    return language !== undefined && value.trim() !== '' ? [[language, value.trim()] as const] : [];
  });
  if (titles.length > 0) draft.titles = Object.fromEntries(titles);
  const parsed = CredentialDraft.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const column = columnOf(path);
      // Messages name the draft's field ("eqfLevel must be …"); a registrar knows the column.
      const field = String(issue.path[0] ?? '');
      const message =
        field && issue.message.startsWith(field) ? `${column}${issue.message.slice(field.length)}` : issue.message;
      issues.push({ row, column, message });
    }
  }
  const id = key.success ? csvCredentialId(institutionId, key.data) : '';
  if (key.success && id.length > MAX_ID_LENGTH) {
    issues.push({
      row,
      column: KEY_COLUMN,
      message: `key must be at most ${MAX_ID_LENGTH - institutionId.length - CSV_ID_SEPARATOR.length} characters for ${institutionId}: the credential id ${id} is longer than ${MAX_ID_LENGTH}`,
    });
  }
  if (issues.length > 0 || !parsed.success || !key.success) return { ok: false, row, issues };
  return { ok: true, row, id, draft: parsed.data };
};
