import * as z from 'zod/mini';
import { AllianceId, InstitutionId, ProgrammeId, Text } from './common.js';
import { Rule } from './rule.js';

const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'contentHash must be 64 lowercase hex digits (SHA-256)'));

export const Approval = z.object({ version: z.int().check(z.positive()), contentHash: Sha256Hex, at: z.string() });
export type Approval = z.infer<typeof Approval>;

export const ProgrammeStatus = z.enum(['negotiating', 'agreed', 'withdrawn']);

export const Programme = z.object({
  id: ProgrammeId,
  allianceId: AllianceId,
  title: z.string(),
  status: ProgrammeStatus,
  currentVersion: z.int().check(z.positive()),
  approvals: z.record(z.string(), Approval),
  agreedVersion: z.optional(z.int().check(z.positive())),
  /** The member institutions whose approvals made the agreement (SPEC §5.7), kept as agreed. */
  agreedBy: z.optional(z.array(InstitutionId)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof Programme>;

/**
 * `{ rule, message }` (SPEC §5). Versions written before the contract named the field `rule` kept
 * it under `path`, prefixed `rule.`: read both, so that no stored version becomes unreadable.
 */
export const RuleWarning = z.pipe(
  z.transform((w) =>
    w && typeof w === 'object' && 'path' in w && !('rule' in w)
      ? {
          rule: String((w as { path: unknown }).path).replace(/^rule\./, ''),
          message: (w as { message?: unknown }).message,
        }
      : w,
  ),
  z.object({ rule: z.string(), message: z.string() }),
);
export type RuleWarning = z.infer<typeof RuleWarning>;

export const ProgrammeVersion = z.object({
  version: z.int().check(z.positive()),
  rule: Rule,
  contentHash: Sha256Hex,
  createdAt: z.string(),
  createdBy: z.string(),
  /** What makes the version unworkable (SPEC §5); accepted all the same, but said out loud. */
  warnings: z.optional(z.array(RuleWarning)),
});
export type ProgrammeVersion = z.infer<typeof ProgrammeVersion>;

export const ProgrammeEventType = z.enum(['proposed', 'amended', 'approved', 'agreed', 'commented', 'withdrawn']);
export const ProgrammeEvent = z.object({
  seq: z.int().check(z.positive()),
  type: ProgrammeEventType,
  actor: z.string(),
  institutionId: z.optional(InstitutionId),
  at: z.string(),
  version: z.int().check(z.positive()),
  contentHash: Sha256Hex,
  /** What the partner said with an amendment, an approval or on its own (SPEC §4). */
  comment: z.optional(z.string()),
  /** Why the coordinator withdrew the programme. */
  reason: z.optional(z.string()),
});
export type ProgrammeEvent = z.infer<typeof ProgrammeEvent>;

/** Bounded so that the history stays small enough to read (a comment is a message, not a document). */
const CommentText = Text(2000);
const VersionNumber = z.int('version must be a whole number').check(z.positive('version must be at least 1'));

/** Request bodies (SPEC §4). */
export const ProposeRequest = z.strictObject({ rule: z.unknown() });
export const AmendRequest = z.strictObject({
  baseVersion: z.int('baseVersion must be a whole number').check(z.positive('baseVersion must be at least 1')),
  rule: z.unknown(),
  comment: z.optional(CommentText),
});
export const ApprovalRequest = z.strictObject({
  version: VersionNumber,
  contentHash: Sha256Hex,
  comment: z.optional(CommentText),
});
export const PreviewRequest = z.strictObject({ rule: z.unknown() });
export const CommentRequest = z.strictObject({ version: VersionNumber, text: CommentText });
export const WithdrawRequest = z.strictObject({ reason: CommentText });
export const ProgrammeRef = ProgrammeId;
