import type { Credential } from '../schemas/credential.js';
import type { EngineContext, Entry, Held } from './types.js';

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

export const credentialEntry = (c: Credential, added: boolean): Entry => ({ key: c.id, credentialId: c.id, credential: c, added });

export const heldEntry = (h: Held): Entry =>
  h.kind === 'registry'
    ? {
        key: h.key, credentialId: h.credential.id, credential: h.credential, added: false,
        achievement: h.score === undefined ? { issuedOn: h.issuedOn } : { issuedOn: h.issuedOn, score: h.score },
      }
    : { key: h.key, external: h.external, added: false };

/** Offerings a plan may add: published, and not held in any version. */
export const planCandidates = (ctx: EngineContext, heldIds: ReadonlySet<string>): Entry[] =>
  latestPublished(ctx.catalogue).filter((c) => !heldIds.has(c.id)).map((c) => credentialEntry(c, true));
