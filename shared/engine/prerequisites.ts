import { compile, type Problem } from './compile.js';
import type { EngineContext, Entry } from './types.js';

/*
 * SPEC §5: a plan never adds a credential whose prerequisites are neither held nor in the plan.
 * A prerequisite the learner holds (in any version, counted or not) is met. One that is not held
 * must be added too, and so must count in the composition like every added credential; an offering
 * whose unmet prerequisite is no candidate at all can never be added and is left out.
 */

const prerequisiteIds = (e: Entry): string[] =>
  (e.credential?.prerequisites ?? []).map((ref) => ref.split('@')[0] ?? ref);

/**
 * The plan problem over `entries` with its prerequisites: offerings that can never be added left out
 * (repeatedly, since leaving one out can strand another), and `requires` pairs for the rest.
 */
export const compileWithPrerequisites = (
  ctx: EngineContext,
  entries: readonly Entry[],
  heldIds: ReadonlySet<string>,
  asOf: string,
): Problem => {
  let current = [...entries];
  for (;;) {
    const p = compile(ctx, ctx.rule, current, asOf, []);
    const addable = new Map<string, number>();
    for (const it of p.items) if (it.entry.added && it.entry.credentialId) addable.set(it.entry.credentialId, it.idx);
    const stranded = new Set<Entry>();
    const requires: [number, number][] = [];
    for (const it of p.items) {
      if (!it.entry.added) continue;
      for (const id of prerequisiteIds(it.entry)) {
        if (heldIds.has(id)) continue;
        const other = addable.get(id);
        // A credential named as its own prerequisite is in the plan whenever it is.
        if (other === it.idx) continue;
        if (other === undefined) stranded.add(it.entry);
        else requires.push([it.idx, other]);
      }
    }
    if (stranded.size === 0) {
      // Bound offerings are not interchangeable with their classes any more (choice-units.ts).
      const bound = new Set(requires.flat());
      const items = p.items.map((it) =>
        bound.has(it.idx) ? { ...it, classKey: `${it.classKey}|bound:${it.idx}` } : it,
      );
      return { ...p, items, requires };
    }
    current = current.filter((e) => !stranded.has(e));
  }
};

/** Whether a choice of items respects every prerequisite pair. */
export const respectsPrerequisites = (p: Problem, items: readonly number[]): boolean => {
  if (p.requires.length === 0) return true;
  const chosen = new Set(items);
  return p.requires.every(([item, needed]) => !chosen.has(item) || chosen.has(needed));
};
