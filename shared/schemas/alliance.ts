import * as z from 'zod';
import { AllianceId, InstitutionId, Text } from './common.js';

const uniqueIds = (ids: readonly string[]) => new Set(ids).size === ids.length;

export const AllianceDraft = z.object({
  id: AllianceId,
  name: Text(200),
  members: z.array(InstitutionId).max(100, 'at most 100 members').refine(uniqueIds, 'members must not repeat'),
  /** Subjects (`sub` claims) of the alliance's coordinators; coordinators are also recognised by their token's `allianceIds`. */
  coordinators: z.array(z.string().min(1).max(200)).max(50).optional(),
});
export type AllianceDraft = z.infer<typeof AllianceDraft>;

export const Alliance = AllianceDraft.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Alliance = z.infer<typeof Alliance>;
