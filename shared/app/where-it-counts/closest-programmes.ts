import { notFound } from '../../domain/errors.js';
import type { Programme } from '../../schemas/programme.js';
import type { ClosestProgrammesRequest } from '../../schemas/closest-programmes.js';
import { eligibilityOf } from '../engine/composition-queries.js';
import type { IndexDeps } from './where-it-counts-deps.js';

/** Programmes answered at once: enough to overlap their reads, few enough not to crowd a small function. */
const CONCURRENCY = 4;

const NOTICE =
  'Stacking creates no automatic entitlement: for each programme, the decision to award it lies with its awarding institutions.';

/** SPEC §5.7: an agreed version stands (even while a newer one is negotiated) unless the programme was withdrawn. */
const isAgreed = (p: Programme) => p.agreedVersion !== undefined && p.status !== 'withdrawn';

/** Every agreed programme of the alliance (the alliance's programme index), or of the registry (the module index's listing). */
const agreedProgrammes = async (deps: IndexDeps, allianceId: string | undefined): Promise<Programme[]> => {
  const found: Programme[] = [];
  if (allianceId !== undefined) {
    if (!(await deps.alliances.get(allianceId))) throw notFound(`alliance ${allianceId}`);
    let cursor: string | undefined;
    do {
      const page = await deps.programmes.listByAlliance(allianceId, { limit: 100, ...(cursor ? { cursor } : {}) });
      found.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  } else {
    const listed = await deps.moduleIndex.allProgrammes();
    const heads = await Promise.all(listed.map((l) => deps.programmes.get(l.programmeId)));
    found.push(...heads.flatMap((h) => (h ? [h.programme] : [])));
  }
  return found.filter(isAgreed);
};

/** `run` over `items`, at most `limit` at a time, answers in the order of `items`. */
const pooled = async <T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> => {
  const answers: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      answers[index] = await run(items[index] as T); // index < items.length
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return answers;
};

type Answer = Awaited<ReturnType<typeof eligibilityOf>>;

/** SPEC §4: closest first by additional ECTS, then by the number of credentials to add; no plan last. */
const closestFirst = (a: { title: string; plan: Answer['plan'] }, b: { title: string; plan: Answer['plan'] }) => {
  if (a.plan === null || b.plan === null)
    return (a.plan === null ? 1 : 0) - (b.plan === null ? 1 : 0) || a.title.localeCompare(b.title);
  return (
    a.plan.additionalEcts - b.plan.additionalEcts ||
    a.plan.add.length - b.plan.add.length ||
    a.title.localeCompare(b.title)
  );
};

/**
 * POST /eligibility: the learner's achievements against every agreed programme (of the alliance),
 * each answered exactly as `POST /programmes/{id}/eligibility` answers it (its agreed version),
 * ranked closest first. Documents are read as there: one this registry exported counts as its
 * credential. `baseUrl`: this registry's public URL.
 */
export const closestProgrammes = async (deps: IndexDeps, request: ClosestProgrammesRequest, baseUrl?: string) => {
  const asOf = request.asOf ?? deps.clock.now().slice(0, 10);
  const programmes = await agreedProgrammes(deps, request.allianceId);
  const { allianceId: _alliance, ...eligibility } = request;
  const answers = await pooled(programmes, CONCURRENCY, (p) =>
    eligibilityOf(deps, p.id, { ...eligibility, asOf }, baseUrl),
  );
  const items = programmes
    .map((p, i) => {
      const answer = answers[i] as Answer; // one answer per programme, same order
      return {
        programmeId: p.id,
        title: p.title,
        allianceId: p.allianceId,
        status: p.status,
        ruleVersion: answer.ruleVersion,
        eligible: answer.eligible,
        plan: answer.plan,
        missing: answer.missing,
      };
    })
    .sort(closestFirst);
  const imported = answers[0]?.imported;
  return {
    asOf,
    ...(request.allianceId ? { allianceId: request.allianceId } : {}),
    items,
    notice: NOTICE,
    ...(imported ? { imported } : {}),
  };
};
