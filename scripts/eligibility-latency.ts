import { registerCredential } from '../shared/app/credentials/write-credential.js';
import { eligibilityOf } from '../shared/app/engine/composition-queries.js';
import { loadProgrammeContext } from '../shared/app/engine/engine-context.js';
import { proposeProgramme } from '../shared/app/programmes/negotiate.js';
import { checkEligibility, type Held } from '../shared/engine/index.js';
import type { Caller } from '../shared/ports/caller.js';
import { fixedId, generatedDraft, median, quietRequestLog, round, timed, scratchRegistry } from './measuring.js';

/*
 * `npm run latency`: one eligibility answer at OFFERINGS offerings (default 1,000), timed three
 * ways on the local server over in-memory DynamoDB Local: the engine alone on the warm context,
 * the use-case in-process (store reads of a warm snapshot included), and over HTTP; beside them,
 * the store reads alone (loading the warm snapshot). Each is the
 * median of RUNS interleaved runs after a warm-up. The last line is one JSON object.
 */
const OFFERINGS = Number(process.env.OFFERINGS ?? 1000);
const RUNS = Number(process.env.RUNS ?? 40);
const MEMBERS = ['luh', 'lut', 'but', 'tuwien', 'upm'];
const SUBJECTS = ['0613', '0612', '0541', '0713', '0714', '0413', '0731', '0223'];
const COORDINATOR: Caller = { sub: 'latency:coordinator', role: 'coordinator', allianceIds: ['demo'] };

const draftOf = (i: number) => generatedDraft(i, MEMBERS, SUBJECTS, { title: `Load offering ${i}` });

quietRequestLog();
const registry = await scratchRegistry('latency', { seed: true });
try {
  const deps = registry.deps;
  const seeded = registry.seed ? 25 : 0;
  for (let i = 0; i < OFFERINGS - seeded; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, OFFERINGS - seeded - i) }, (_, k) =>
        registerCredential({ ...deps, ids: fixedId(`load-${i + k}`) }, COORDINATOR, draftOf(i + k)),
      ),
    );
  }
  const programmeId = 'demo-latency-master';
  await proposeProgramme({ ...deps, ids: fixedId(programmeId) }, COORDINATOR, 'demo', {
    title: 'Latency joint master',
    award: 'joint-master',
    eqfLevel: 7,
    ects: { min: 60, max: 60 },
    components: { eqfMin: 7, ectsMin: 5, ectsMax: 5 },
    institutions: MEMBERS.map((id, i) => ({ id, minCount: i % 2 === 0 ? 3 : 2, maxCount: 3 })),
    minInstitutions: 5,
    requirements: [{ id: 'computing', title: 'Computing', from: { subjectAreas: ['061'] }, minCount: 2 }],
  });
  const body = {
    achievements: ['luh-machine-learning', 'lut-energy-systems', 'load-2', 'load-3', 'load-4'].map((credentialId) => ({
      credentialId,
      issuedOn: '2025-06-30',
    })),
    asOf: '2026-01-01',
  };

  const context = await loadProgrammeContext(deps, programmeId);
  const held: Held[] = await Promise.all(
    body.achievements.map(async (a) => {
      const credential = context.published.find((c) => c.id === a.credentialId);
      if (!credential) throw new Error(`${a.credentialId} is not published`);
      return {
        kind: 'registry' as const,
        key: `${credential.id}@${credential.version}`,
        credential,
        issuedOn: a.issuedOn,
      };
    }),
  );
  let answerBytes = 0;
  const http = async () => {
    const res = await fetch(`${registry.url}/programmes/${programmeId}/eligibility`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text}`);
    answerBytes = text.length;
    return JSON.parse(text) as { plan: unknown };
  };
  const engineMs: number[] = [];
  const contextMs: number[] = [];
  const useCaseMs: number[] = [];
  const httpMs: number[] = [];
  for (let i = 0; i < 5; i++) await http(); // warm-up: JIT, snapshot, connections
  let same = true;
  for (let i = 0; i < RUNS; i++) {
    const [e, engineAnswer] = await timed(() => checkEligibility(context.ctx, held, body.asOf));
    const [c] = await timed(() => loadProgrammeContext(deps, programmeId));
    const [u] = await timed(() => eligibilityOf(deps, programmeId, body));
    const [h, httpAnswer] = await timed(http);
    engineMs.push(e);
    contextMs.push(c);
    useCaseMs.push(u);
    httpMs.push(h);
    same &&= JSON.stringify(engineAnswer.plan) === JSON.stringify(httpAnswer.plan);
  }
  const offerings = context.ctx.catalogue.length;
  process.stdout.write(`offerings admitted: ${offerings}, runs: ${RUNS}, same plan over HTTP: ${same}\n`);
  process.stdout.write(
    `${JSON.stringify({ offerings, engineP50Ms: round(median(engineMs)), contextP50Ms: round(median(contextMs)), useCaseP50Ms: round(median(useCaseMs)), httpP50Ms: round(median(httpMs)), httpMinusEngineMs: round(median(httpMs) - median(engineMs)), answerBytes, samePlan: same })}\n`,
  );
} finally {
  await registry.stop();
}
