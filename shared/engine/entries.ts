import type { Credential } from '../schemas/credential.js';
import type { EngineContext, Entry, Held, PlanPreferences } from './types.js';

/** The published catalogue, one (latest) version per credential id. */
export const latestPublished = (catalogue: readonly Credential[]): Credential[] => {
  const byId = new Map<string, Credential>();
  for (const c of catalogue) {
    if (c.status !== 'published') continue;
    const old = byId.get(c.id);
    if (!old || c.version > old.version) byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

export const credentialEntry = (c: Credential, added: boolean): Entry => ({
  key: c.id,
  credentialId: c.id,
  credential: c,
  added,
});

export const heldEntry = (h: Held): Entry =>
  h.kind === 'registry'
    ? {
        key: h.key,
        credentialId: h.credential.id,
        credential: h.credential,
        added: false,
        achievement: h.score === undefined ? { issuedOn: h.issuedOn } : { issuedOn: h.issuedOn, score: h.score },
      }
    : { key: h.key, external: h.external, added: false };

/** How many of the preferences an offering does not meet: a language (by primary subtag), a form of participation. */
const mismatches = (c: Credential, prefs: PlanPreferences | undefined): number => {
  if (!prefs) return 0;
  const primary = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? '';
  const wanted = new Set((prefs.languages ?? []).map(primary));
  const language = wanted.size === 0 || (c.language ?? []).some((l) => wanted.has(primary(l)));
  const participation = !prefs.participation?.length || prefs.participation.includes(c.participation);
  return (language ? 0 : 1) + (participation ? 0 : 1);
};

/** Offerings a plan may add: published, and not held in any version (unless the caller lets it re-earn one). */
export const planCandidates = (ctx: EngineContext, heldIds: ReadonlySet<string>, prefs?: PlanPreferences): Entry[] =>
  latestPublished(ctx.catalogue)
    .filter((c) => !heldIds.has(c.id))
    .map((c) => {
      const entry = credentialEntry(c, true);
      const mismatch = mismatches(c, prefs);
      return mismatch > 0 ? { ...entry, mismatch } : entry;
    });
