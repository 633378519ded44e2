import * as z from 'zod/mini';
import { AllianceId, InstitutionId, Text } from './common.js';

/** The most institutions an alliance may name, members and invitations together (enforced on writes). */
export const MAX_ALLIANCE_INSTITUTIONS = 100;

const uniqueIds = (ids: readonly string[]) => new Set(ids).size === ids.length;

const Coordinators = z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50));

/** What `POST /alliances` takes (SPEC §4: `{ id, name, members }`); strict like every request body. */
export const AllianceDraft = z.strictObject({
  id: AllianceId,
  name: Text(200),
  members: z
    .array(InstitutionId)
    .check(
      z.maxLength(MAX_ALLIANCE_INSTITUTIONS, `at most ${MAX_ALLIANCE_INSTITUTIONS} members`),
      z.refine(uniqueIds, 'members must not repeat'),
    ),
  /** Subjects (`sub` claims) of the alliance's coordinators; coordinators are also recognised by their token's `allianceIds`. */
  coordinators: z.optional(Coordinators),
});
export type AllianceDraft = z.infer<typeof AllianceDraft>;

/**
 * A stored alliance. SPEC §3: `members` have accepted (or were named by the operator); `invited`
 * were named by a coordinator and are not members until their own registrar accepts. No size bound
 * here: a read must never be stricter than the writes that made the item, or one over-full
 * alliance would answer 500 for good; the bound is enforced where institutions are added.
 */
export const Alliance = z.object({
  id: AllianceId,
  name: Text(200),
  members: z.array(InstitutionId),
  // Alliances stored before invitations existed have no `invited`.
  invited: z._default(z.array(InstitutionId), []),
  coordinators: z.optional(Coordinators),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Alliance = z.infer<typeof Alliance>;
