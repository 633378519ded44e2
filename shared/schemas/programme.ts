import * as z from 'zod';
import { AllianceId, InstitutionId, ProgrammeId } from './common.js';
import { Rule } from './rule.js';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'contentHash must be 64 lowercase hex digits (SHA-256)');

export const Approval = z.object({ version: z.int().positive(), contentHash: Sha256Hex, at: z.string() });
export type Approval = z.infer<typeof Approval>;

export const ProgrammeStatus = z.enum(['negotiating', 'agreed', 'withdrawn']);

export const Programme = z.object({
  id: ProgrammeId,
  allianceId: AllianceId,
  title: z.string(),
  status: ProgrammeStatus,
  currentVersion: z.int().positive(),
  approvals: z.record(z.string(), Approval),
  agreedVersion: z.int().positive().optional(),
  /** The member institutions whose approvals made the agreement (SPEC §5.7), kept as agreed. */
  agreedBy: z.array(InstitutionId).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof Programme>;

export const ProgrammeVersion = z.object({
  version: z.int().positive(),
  rule: Rule,
  contentHash: Sha256Hex,
  createdAt: z.string(),
  createdBy: z.string(),
  /** Why the rule may never be satisfied; accepted all the same, but said out loud. */
  warnings: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ProgrammeVersion = z.infer<typeof ProgrammeVersion>;

export const ProgrammeEventType = z.enum(['proposed', 'amended', 'approved', 'agreed', 'withdrawn']);
export const ProgrammeEvent = z.object({
  seq: z.int().positive(),
  type: ProgrammeEventType,
  actor: z.string(),
  institutionId: InstitutionId.optional(),
  at: z.string(),
  version: z.int().positive(),
  contentHash: Sha256Hex,
});
export type ProgrammeEvent = z.infer<typeof ProgrammeEvent>;

/** Request bodies (SPEC §4). */
export const ProposeRequest = z.strictObject({ rule: z.unknown() });
export const AmendRequest = z.strictObject({
  baseVersion: z.int('baseVersion must be a whole number').positive('baseVersion must be at least 1'),
  rule: z.unknown(),
});
export const ApprovalRequest = z.strictObject({
  version: z.int('version must be a whole number').positive('version must be at least 1'),
  contentHash: Sha256Hex,
});
export const ProgrammeRef = ProgrammeId;
