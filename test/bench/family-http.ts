import type { HandlerImport } from '../../functions/local/server.js';
import { createAlliance } from '../../shared/app/alliances.js';
import { registerCredential } from '../../shared/app/credentials/write-credential.js';
import { registerInstitution } from '../../shared/app/institutions.js';
import { proposeProgramme } from '../../shared/app/programmes/negotiate.js';
import { checkEligibility, loadMipSolver } from '../../shared/engine/index.js';
import type { Caller } from '../../shared/ports/caller.js';
import { fixedId, median, quietRequestLog, round, timed, scratchRegistry } from '../../scripts/measuring.js';
import { draftOf } from '../../shared/schemas/credential.js';
import { familyInstance } from './family.js';
import { loadHighs, solvePlan } from './highs-plan.js';
import { WARM_UP_ANSWERS, WARM_UP_SEEDS } from './instances.js';

/*
 * `npm run bench:http`: the engine's eligibility answer over HTTP on the local server against HiGHS
 * on the very same instances, in one run (docs/engine.md, "Figures"). Each instance of the
 * independent family (test/bench/family.ts) at SIZES offerings is written into a fresh alliance of
 * an in-memory local registry through the use-cases (institutions, alliance, offerings, the rule
 * proposed with its modules filled in); then, for each, the median of RUNS requests to
 * POST /programmes/{id}/eligibility (catalogue and rule loading included), the engine in-process on
 * the same context, and HiGHS on the bench's MIP. Each size first warms up on five instances it
 * does not measure (seeds 995–999). The last line is one JSON object.
 */
const SIZES = (process.env.SIZES ?? '200,1000').split(',').map(Number);
const SEEDS = Number(process.env.SEEDS ?? 3);
const RUNS = Number(process.env.RUNS ?? 7);
const OPERATOR: Caller = { sub: 'bench:operator', role: 'operator', allianceIds: [] };

/**
 * Runs the benchmark. `importHandler`: how the local server imports its handler modules; the
 * bundled run (scripts/family-http.ts) passes the modules it bundled, so the handlers run as Lambda
 * runs them.
 */
export const runFamilyHttp = async (importHandler?: HandlerImport): Promise<void> => {
  quietRequestLog();
  // A measurement this long lets DynamoDB Local's JVM use its full JIT: the quick-start flags that
  // `npm start` and the tests use (C1 only) double its read latency, and the store to measure against
  // is DynamoDB's, not the emulator's start-up trade-off. DYNAMODB_LOCAL_JAVA_OPTS still overrides.
  process.env.DYNAMODB_LOCAL_JAVA_OPTS ??= '';
  const registry = await scratchRegistry('family', importHandler ? { importHandler } : {});
  const deps = registry.deps;
  const highs = await loadHighs();
  const mip = await loadMipSolver();
  const summary: Record<
    string,
    { httpP50Ms: number; engineP50Ms: number; highsP50Ms: number; ratio: number; optimaEqual: boolean }
  > = {};

  /**
   * Writes family instance (size, seed) into a fresh alliance of the registry through the use-cases,
   * and returns it with a request for its eligibility answer over HTTP.
   */
  const registerInstance = async (size: number, seed: number) => {
    const { ctx, held, asOf } = familyInstance(size, seed);
    const tag = `n${size}s${seed}`;
    const inst = (id: string) => `${id}${tag}`;
    for (const [id, info] of Object.entries(ctx.institutions)) {
      await registerInstitution(deps, OPERATOR, {
        id: inst(id),
        name: `Institution ${id} ${tag}`,
        country: info.country,
        kind: info.kind,
      });
    }
    const allianceId = `family-${tag}`;
    const coordinator: Caller = { sub: 'bench:coordinator', role: 'coordinator', allianceIds: [allianceId] };
    await createAlliance(deps, OPERATOR, { id: allianceId, name: `Family ${tag}`, members: ctx.members.map(inst) });
    const ids = new Map<string, string>();
    for (let i = 0; i < ctx.catalogue.length; i += 25) {
      await Promise.all(
        ctx.catalogue.slice(i, i + 25).map((c) => {
          const id = `${c.id}-${tag}`;
          ids.set(c.id, id);
          const draft = {
            ...draftOf(c),
            institutionId: inst(c.institutionId),
            awardingBodies: [inst(c.institutionId)],
          };
          const registrar: Caller = {
            sub: 'bench:registrar',
            role: 'institution',
            institutionId: inst(c.institutionId),
            allianceIds: [],
          };
          return registerCredential({ ...deps, ids: fixedId(id) }, registrar, draft);
        }),
      );
    }
    const rename = (id: string) => ids.get(id) ?? id;
    const rule = {
      ...ctx.rule,
      institutions: ctx.rule.institutions?.map((b) => ({ ...b, id: inst(b.id) })),
      exclusions: ctx.rule.exclusions?.map((g) => g.map(rename)),
    };
    const programmeId = `family-master-${tag}`;
    await proposeProgramme({ ...deps, ids: fixedId(programmeId) }, coordinator, allianceId, rule);
    const body = JSON.stringify({
      achievements: held.flatMap((h) =>
        h.kind === 'registry' ? [{ credentialId: rename(h.credential.id), issuedOn: h.issuedOn }] : [],
      ),
      asOf,
    });
    const request = async () => {
      const res = await fetch(`${registry.url}/programmes/${programmeId}/eligibility`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = (await res.json()) as { plan: { additionalEcts: number; add: string[] } | null };
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(answer)}`);
      return answer;
    };
    return { ctx, held, asOf, request };
  };

  try {
    for (const size of SIZES) {
      const http: number[] = [];
      const engine: number[] = [];
      const mips: number[] = [];
      let optimaEqual = true;
      // Warm-up on instances that are not measured, as `npm run bench` does: a long-running
      // function has compiled its hot paths long before, for programmes of many shapes; the first
      // requests of a process have not.
      for (const seed of WARM_UP_SEEDS) {
        const warm = await registerInstance(size, seed);
        for (let k = 0; k < WARM_UP_ANSWERS; k++) {
          await warm.request();
          checkEligibility(warm.ctx, warm.held, warm.asOf, { mip });
        }
      }
      for (let seed = 1; seed <= SEEDS; seed++) {
        const { ctx, held, asOf, request } = await registerInstance(size, seed);
        await request(); // this programme's snapshot and connections
        const best = solvePlan(highs, ctx, held);
        const seedHttp: number[] = [];
        const seedEngine: number[] = [];
        for (let r = 0; r < RUNS; r++) {
          const [h, answer] = await timed(request);
          const [e] = await timed(() => checkEligibility(ctx, held, asOf, { mip }));
          const [m] = await timed(() => solvePlan(highs, ctx, held));
          http.push(h);
          engine.push(e);
          seedHttp.push(h);
          seedEngine.push(e);
          mips.push(m);
          const objective = answer.plan ? Math.round(answer.plan.additionalEcts * 1000) + answer.plan.add.length : null;
          optimaEqual &&= objective === best;
        }
        process.stdout.write(
          `  n${size}s${seed}: over HTTP ${round(median(seedHttp))} ms, in-process ${round(median(seedEngine))} ms\n`,
        );
      }
      summary[size] = {
        httpP50Ms: round(median(http)),
        engineP50Ms: round(median(engine)),
        highsP50Ms: round(median(mips)),
        ratio: round(median(mips) / median(http)),
        optimaEqual,
      };
      process.stdout.write(
        `${size} offerings over HTTP: p50 ${summary[size]?.httpP50Ms} ms; in-process ${summary[size]?.engineP50Ms} ms; HiGHS ${summary[size]?.highsP50Ms} ms\n`,
      );
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await registry.stop();
  }
};
