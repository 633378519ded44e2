import { featureVector, featureFeasible } from './allocation.js';
import type { Budget } from './budget.js';
import { compile, type Problem } from './compile.js';
import { toEcts } from './ects-units.js';
import { minimise } from './search.js';
import { Tally } from './tally.js';
import type { Entry, Violation } from './types.js';

/*
 * Plain-words clause checks on one set of counted credentials: which clause of the rule the set
 * breaks as a whole (for stackability violations) or falls short of (for eligibility `missing`).
 */

export const NOTICE =
  'Stacking creates no automatic entitlement: the decision to award the programme lies with the awarding institutions.';

/** The institution as a student knows it: its name where the context has one. */
const instName = (p: Problem, id: string): string =>
  id === 'external' ? 'external providers' : (p.ctx.institutions[id]?.name ?? id.toUpperCase());
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const fmt = (n: number) => String(n);

/** What a tally holds from block `bi`. */
const fromBlock = (t: Tally, bi: number) => ({ count: t.blockCount[bi] ?? 0, units: t.blockUnits[bi] ?? 0 });

/** Clauses the set `idxs` (all counted) breaks when taken whole. */
export const clauseViolations = (p: Problem, idxs: readonly number[], budget: Budget): Violation[] => {
  const e = (u: number) => fmt(toEcts(u, p.scale));
  const t = Tally.of(p, idxs);
  const out: Violation[] = [];
  if (t.units < p.lo)
    out.push({
      rule: 'ects.min',
      message: `the counted credentials total ${e(t.units)} ECTS; at least ${fmt(p.rule.ects.min)} are needed`,
    });
  if (t.units > p.hi)
    out.push({
      rule: 'ects.max',
      message: `the counted credentials total ${e(t.units)} ECTS; at most ${fmt(p.rule.ects.max)} may count`,
    });
  p.blocks.forEach((b, bi) => {
    const have = fromBlock(t, bi);
    const name = instName(p, b.id);
    const path = b.external ? 'externalMaxEcts' : `institutions.${b.id}`;
    if (have.count < b.minCount)
      out.push({
        rule: `${path}.minCount`,
        message: `${plural(have.count, 'credential')} from ${name}; at least ${b.minCount} are needed`,
      });
    if (have.count > b.maxCount)
      out.push({
        rule: `${path}.maxCount`,
        message: `${plural(have.count, 'credential')} from ${name}; at most ${b.maxCount} may count`,
      });
    if (have.units < b.minUnits)
      out.push({
        rule: `${path}.minEcts`,
        message: `${e(have.units)} ECTS from ${name}; at least ${e(b.minUnits)} are needed`,
      });
    if (have.units > b.maxUnits) {
      out.push(
        b.external
          ? {
              rule: 'externalMaxEcts',
              message: `external credentials total ${e(have.units)} ECTS; at most ${e(b.maxUnits)} may count`,
            }
          : {
              rule: `${path}.maxEcts`,
              message: `${e(have.units)} ECTS from ${name}; at most ${e(b.maxUnits)} may count`,
            },
      );
    }
  });
  let reqShort = false;
  p.reqs.forEach((q, r) => {
    const mine = idxs.map((i) => p.items[i]).filter((it) => it?.reqs.includes(r));
    const units = mine.reduce((s, it) => s + (it?.units ?? 0), 0);
    if (mine.length < q.minCount) {
      reqShort = true;
      out.push({
        rule: `requirements.${q.id}.minCount`,
        message: `"${q.title}" has ${plural(mine.length, 'matching credential')}; at least ${q.minCount} are needed`,
      });
    }
    if (units < q.minUnits) {
      reqShort = true;
      out.push({
        rule: `requirements.${q.id}.minEcts`,
        message: `"${q.title}" has ${e(units)} matching ECTS; at least ${e(q.minUnits)} are needed`,
      });
    }
  });
  if (!reqShort && !featureFeasible(p.spec, featureVector(p, idxs))) {
    out.push({
      rule: 'requirements',
      message:
        'credentials that match several requirements cannot be shared out so that every requirement reaches its minimum (each counts for one requirement only)',
    });
  }
  p.groups.forEach((g) => {
    const inSet = g.items.filter((i) => idxs.includes(i));
    if (inSet.length > 1) {
      const ids = inSet.map((i) => p.items[i]?.entry.credentialId ?? '');
      out.push({
        rule: g.name.startsWith('once.') ? 'once' : g.name,
        message: g.name.startsWith('once.')
          ? `credential ${ids[0]} appears in more than one version; it counts once`
          : `${ids.join(' and ')} exclude each other; at most one of them counts`,
      });
    }
  });
  t.clauses.forEach((c, ci) => {
    const have = t.distinctCount(ci);
    if (have < c.min)
      out.push({
        rule: c.rule,
        message: `credentials from ${have} ${have === 1 ? c.noun[0] : c.noun[1]}; at least ${c.min} are needed`,
      });
  });
  for (const id of p.rule.programmes ?? []) {
    const rule = p.ctx.nested[id];
    const entries: Entry[] = idxs.flatMap((i) => {
      const it = p.items[i];
      return it ? [{ ...it.entry, added: false }] : [];
    });
    const ok =
      rule !== undefined &&
      !p.chain.includes(id) &&
      minimise(compile(p.ctx, rule, entries, p.asOf, [...p.chain, id]), budget).items !== null;
    if (!ok)
      out.push({
        rule: `programmes.${id}`,
        message: rule
          ? `these credentials do not complete the nested programme "${rule.title}"`
          : `the nested programme ${id} is unknown`,
      });
  }
  return out;
};

/** What a learner still needs, in words: the clauses the held part falls short of, with the plan's additions. */
export const missingFor = (
  p: Problem,
  held: readonly number[],
  added: readonly number[] | null,
  budget: Budget,
): Violation[] => {
  const e = (u: number) => fmt(toEcts(u, p.scale));
  const addTally = Tally.of(p, added ?? []);
  const heldTally = Tally.of(p, held);
  const shortfalls = clauseViolations(p, held, budget).filter(
    (v) => !/\.max|^ects\.max|^externalMaxEcts|^exclusions|^once/.test(v.rule),
  );
  const out: Violation[] = [];
  const blockShort = new Set<number>();
  for (const v of shortfalls) {
    const m = /^institutions\.([^.]+)\.(minCount|minEcts)$/.exec(v.rule);
    if (m) {
      const bi = p.blocks.findIndex((b) => b.id === m[1]);
      if (blockShort.has(bi)) continue;
      blockShort.add(bi);
      const plan = fromBlock(addTally, bi);
      const b = p.blocks[bi];
      const have = fromBlock(heldTally, bi);
      const more =
        plan.count > 0
          ? plan
          : {
              count: Math.max(0, (b?.minCount ?? 0) - have.count),
              units: Math.max(0, (b?.minUnits ?? 0) - have.units),
            };
      out.push({
        rule: v.rule,
        message: `needs ${plural(more.count, 'more credential')} from ${instName(p, m[1] ?? '')} (${e(more.units)} ECTS)`,
      });
      continue;
    }
    if (v.rule === 'ects.min') {
      const have = heldTally.units;
      out.push({
        rule: v.rule,
        message: `needs ${e(p.lo - have)} more ECTS in total (counts ${e(have)} of ${fmt(p.rule.ects.min)})`,
      });
      continue;
    }
    const req = /^requirements\.(.+)\.(minCount|minEcts)$/.exec(v.rule);
    const q = req ? p.reqs.find((x) => x.id === req[1]) : undefined;
    if (req && q) {
      const mine = held.flatMap((i) => {
        const it = p.items[i];
        return it && it.reqs.includes(p.reqs.indexOf(q)) ? [it] : [];
      });
      const units = mine.reduce((s, it) => s + it.units, 0);
      out.push({
        rule: v.rule,
        message:
          req[2] === 'minEcts'
            ? `needs ${e(q.minUnits - units)} more ECTS in "${q.title}" (counts ${e(units)} of ${e(q.minUnits)})`
            : `needs ${plural(q.minCount - mine.length, 'more credential')} in "${q.title}" (counts ${mine.length} of ${q.minCount})`,
      });
      continue;
    }
    out.push({ rule: v.rule, message: `still short: ${v.message}` });
  }
  // The institution a student has to go to is the most useful line, so it comes first.
  out.sort((a, b) => Number(!a.rule.startsWith('institutions.')) - Number(!b.rule.startsWith('institutions.')));
  if (out.length === 0 && added && added.length > 0) {
    out.push({
      rule: 'plan',
      message: `needs ${plural(added.length, 'more credential')} (${e(addTally.units)} ECTS) to complete the programme`,
    });
  }
  return out;
};
