import * as z from 'zod/mini';
import { DomainError } from '../domain/errors.js';
import type { ExternalCredential } from '../schemas/achievement.js';
import { QualityAssurance } from '../schemas/common.js';
import { countryAlpha2, countryAlpha3 } from './iso-codes.js';

/*
 * What an import reads from a document before it becomes an ExternalCredential: shared by the
 * OB3 and the ELM readers (import-ob3.ts, import-elm.ts) and assembled in import.ts.
 */

export interface Reading {
  title: string;
  /** Names of the awarding bodies, as the document states them; empty when it names none. */
  awardingBodies: string[];
  /** The issuer's identifier (URL, DID) for when no awarding body is named. */
  issuerId?: string;
  country?: string;
  ects?: number;
  eqfLevel?: number;
  qualityAssurance?: QualityAssurance;
  issuedOn: string;
  issuerKind?: ExternalCredential['issuerKind'];
  supervision?: ExternalCredential['supervision'];
  subjectArea?: string;
  workloadHours?: number;
  /** The id of the achievement (OB3) or specification (ELM) node: a registry export URL when it is one of ours. */
  describedBy?: string;
  /** Offering elements the SPEC §3 external shape has no field for: stated in the document or not. */
  states: { learningOutcomes: boolean; assessment: boolean; participation: boolean };
  warnings: string[];
}

/** An unrecognised or malformed document: VALIDATION_FAILED naming each path (SPEC §4 errors). */
export const invalidDocument = (message: string, issues: readonly { path: string; message: string }[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    `${message}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );

export const parseOrThrow = <T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  what: string,
  prefix: string[] = [],
): z.infer<T> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidDocument(
    `the document is not a valid ${what}`,
    result.error.issues.map((i) => ({
      path: [...prefix, ...i.path.map(String)].join('.') || '(document)',
      message: i.message,
    })),
  );
};

/** RFC 3339 date-time, as both schemas' `format: date-time` require. */
export const DateTime = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time' });

/**
 * The calendar date as the issuer wrote it: `2020-07-20T00:00:00+02:00` was issued on 2020-07-20,
 * even though it is 2020-07-19 in UTC.
 */
export const dateOf = (dateTime: string): string => dateTime.slice(0, 10);

/** Array-or-single, as ELM's `Many!` types and JSON-LD allow. */
export const many = <T extends z.ZodMiniType>(item: T) =>
  z.pipe(
    z.union([item, z.array(item)]),
    z.transform((v): z.infer<T>[] => (Array.isArray(v) ? v : [v])),
  );

export const typeContaining = (...names: string[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .check(
      z.refine(
        (t) => names.some((n) => (Array.isArray(t) ? t.includes(n) : t === n)),
        `type must contain ${names.map((n) => `"${n}"`).join(' or ')}`,
      ),
    );

/** An ISO 3166-1 country from an alpha-2 code or an EU authority URI / alpha-3 code. */
export const countryFrom = (code: string | undefined): string | undefined => {
  if (code === undefined) return undefined;
  const last = code.slice(code.lastIndexOf('/') + 1).toUpperCase();
  if (/^[A-Z]{2}$/.test(last)) return countryAlpha3(last) === undefined ? undefined : last;
  return /^[A-Z]{3}$/.test(last) ? countryAlpha2(last) : undefined;
};

/** Hours of an ISO 8601 duration of hours and minutes (`PT150H`, `PT7H30M`); undefined otherwise. */
export const hoursOf = (duration: string): number | undefined => {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?$/.exec(duration);
  if (m === null || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) + Number(m[2] ?? 0) / 60;
};
