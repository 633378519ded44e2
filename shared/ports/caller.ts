/**
 * The roles of SPEC §4 Auth, defined once: token claims, the development token, the import-job
 * store and the Cognito trigger read this list. In precedence order: a Cognito user in several
 * groups gets the first.
 */
export const ROLES = ['operator', 'coordinator', 'institution', 'student'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as read from verified token claims (SPEC §4 Auth). */

export interface Caller {
  readonly sub: string;
  readonly role: Role;
  /** Set for role institution. */
  readonly institutionId?: string;
  /** Set for role coordinator. */
  readonly allianceIds: readonly string[];
}
