/** Who is calling, as read from verified token claims (SPEC §4 Auth). */
export type Role = 'operator' | 'coordinator' | 'institution' | 'student';

export interface Caller {
  readonly sub: string;
  readonly role: Role;
  /** Set for role institution. */
  readonly institutionId?: string;
  /** Set for role coordinator. */
  readonly allianceIds: readonly string[];
}
