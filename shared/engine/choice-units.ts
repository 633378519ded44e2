import type { Block, Problem } from './compile.js';

/*
 * Within one institution, offerings that agree on everything the rule can see (ECTS, cost,
 * requirement features, and what nested programmes see) are interchangeable: a choice of k of them
 * is one decision, not C(n, k). Offerings tied by an exclusion group form a component whose
 * options are its conflict-free subsets.
 */

export interface ItemClass {
  kind: 'class';
  items: number[];
  units: number;
  cost: number;
  feats: [number, number][];
  serves: number[];
  sig: string;
}
export interface Component {
  kind: 'component';
  options: { items: number[]; units: number; cost: number; cross: number[] }[];
}
export type ChoiceUnit = ItemClass | Component;

/** Groups with members in more than one block: the search across blocks keeps them apart. */
export const crossGroups = (p: Problem): Set<number> => {
  const cross = new Set<number>();
  p.groups.forEach((g, gi) => {
    const blocks = new Set(g.items.map((i) => p.items[i]?.block));
    if (blocks.size > 1) cross.add(gi);
  });
  return cross;
};

export const choiceUnits = (
  p: Problem,
  block: Block,
  cross: Set<number>,
  nestedSig: (item: number) => string,
  skip: ReadonlySet<number> = new Set(),
): ChoiceUnit[] => {
  const units: ChoiceUnit[] = [];
  const classes = new Map<string, ItemClass>();
  const grouped: number[] = [];
  for (const i of block.items) {
    const it = p.items[i];
    if (!it || skip.has(i)) continue;
    if (it.groups.length > 0) {
      grouped.push(i);
      continue;
    }
    const sig = nestedSig(i);
    const key = sig === '' ? it.classKey : `${it.classKey}|${sig}`;
    const cls = classes.get(key);
    if (cls) cls.items.push(i);
    else
      classes.set(key, {
        kind: 'class',
        items: [i],
        units: it.units,
        cost: it.cost,
        feats: it.feats,
        serves: it.serves,
        sig,
      });
  }
  units.push(...classes.values());

  // Union the grouped offerings of this block that share a group kept inside the block.
  const parent = new Map(grouped.map((i) => [i, i]));
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const i of grouped) {
    for (const g of p.items[i]?.groups ?? []) {
      if (cross.has(g)) continue;
      const first = p.groups[g]?.items[0];
      if (first !== undefined && parent.has(first)) parent.set(find(i), find(first));
    }
  }
  const comps = new Map<number, number[]>();
  for (const i of grouped) comps.set(find(i), [...(comps.get(find(i)) ?? []), i]);
  for (const members of comps.values()) {
    const options: Component['options'] = [];
    const pick: number[] = [];
    const used = new Set<number>();
    const walk = (k: number): void => {
      if (k === members.length) {
        const its = pick.map((i) => p.items[i]);
        options.push({
          items: [...pick],
          units: its.reduce((s, it) => s + (it?.units ?? 0), 0),
          cost: its.reduce((s, it) => s + (it?.cost ?? 0), 0),
          cross: [...new Set(its.flatMap((it) => (it?.groups ?? []).filter((g) => cross.has(g))))].sort(
            (a, b) => a - b,
          ),
        });
        return;
      }
      walk(k + 1);
      const i = members[k] ?? -1;
      const gs = p.items[i]?.groups ?? [];
      if (gs.some((g) => used.has(g))) return;
      for (const g of gs) used.add(g);
      pick.push(i);
      walk(k + 1);
      pick.pop();
      for (const g of gs) used.delete(g);
    };
    walk(0);
    units.push({ kind: 'component', options });
  }
  return units;
};

/**
 * Offerings in an exclusion group that can never be needed: an ungrouped offering of the same
 * block with equal ECTS, cost and nested signature, serving every requirement it serves, exists in
 * more copies than the block can take at all. Any choice using the grouped one can swap it for a
 * free such copy and lose nothing, so the search may leave it out (counting may not).
 */
export const dominatedGrouped = (
  p: Problem,
  block: Block,
  nestedSig: (item: number) => string,
  maxTake: number,
): Set<number> => {
  const free = new Map<string, number[][]>();
  const keyOf = (i: number) => {
    const it = p.items[i];
    return `${it?.units}|${it?.cost}|${nestedSig(i)}`;
  };
  // An offering bound by a prerequisite is no one's twin: swapping it in or out changes what the plan needs.
  const bound = new Set(p.requires.flat());
  for (const i of block.items) {
    const it = p.items[i];
    if (!it || it.groups.length > 0 || bound.has(i)) continue;
    const k = keyOf(i);
    const list = free.get(k);
    if (list) list.push(it.serves);
    else free.set(k, [it.serves]);
  }
  const out = new Set<number>();
  for (const i of block.items) {
    const it = p.items[i];
    if (!it || it.groups.length === 0 || bound.has(i)) continue;
    if ((free.get(keyOf(i))?.length ?? 0) < maxTake) continue;
    const copies = (free.get(keyOf(i)) ?? []).filter((serves) => it.serves.every((r) => serves.includes(r))).length;
    if (copies >= maxTake) out.add(i);
  }
  return out;
};
