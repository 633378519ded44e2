import type { EngineContext } from '../../engine/index.js';
import { credentialEntry, latestPublished } from '../../engine/entries.js';
import { whyNotCounted } from '../../engine/filters.js';
import type { Credential } from '../../schemas/credential.js';

/** The published offerings that may count towards the programme on their own (SPEC §5.1): its parts. */
export const programmeComponents = (ctx: EngineContext): Credential[] =>
  latestPublished(ctx.catalogue).filter(
    (c) => whyNotCounted(ctx, ctx.rule, credentialEntry(c, false), undefined) === null,
  );
