import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { DEMO_COMPOSITION, edcCredential } from '../support/demo.js';

/*
 * SPEC §3: OB3 and ELM documents this registry exported, pasted back as `{ document }`, count as
 * their credential id@version; documents from elsewhere stay external and `verified: false`.
 */
let api: TestApi;

/** Eleven credentials of the seeded 3/2/2/3/2 joint master; `luh-machine-learning` completes it. */
const ELEVEN = DEMO_COMPOSITION.slice(1).map((credentialId) => ({ credentialId, issuedOn: '2026-02-01' }));

/** An OB3 AchievementCredential a learner's wallet holds, its achievement as the registry exported it. */
const ob3Credential = (achievement: Record<string, unknown>) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0b3c0000-0000-4000-8000-000000000001',
  type: ['VerifiableCredential', 'AchievementCredential'],
  issuer: { id: 'https://luh.example/issuers/1', type: ['Profile'], name: 'Leibniz Universität Hannover' },
  validFrom: '2026-03-02T10:00:00+01:00',
  awardedDate: '2026-03-01T12:00:00+01:00',
  credentialSubject: { type: ['AchievementSubject'], achievement },
});

const exported = async (ref: string, format: 'ob3' | 'elm') => {
  const res = await api.call('GET', `/credentials/${ref}/export?format=${format}`);
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown>;
};

const eligibility = (achievements: unknown[]) =>
  api.call('POST', '/programmes/demo-joint-master/eligibility', { body: { achievements, asOf: '2026-11-01' } });

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe('documents exported by this registry, pasted back', () => {
  it('counts an OB3 credential of an exported achievement as its credential id@version', async () => {
    const document = ob3Credential(await exported('luh-machine-learning', 'ob3'));
    const res = await eligibility([...ELEVEN, { document }]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counted).toContain('luh-machine-learning@1');
    expect(res.body).toMatchObject({ eligible: true, plan: { add: [], additionalEcts: 0 } });
    expect(res.body.imported).toEqual([
      expect.objectContaining({ achievement: 11, format: 'ob3', matched: 'luh-machine-learning@1', verified: false }),
    ]);
  });

  it('counts an EDC credential specified by an exported ELM specification as its credential', async () => {
    const document = edcCredential(await exported('luh-machine-learning@1', 'elm'));
    const res = await eligibility([...ELEVEN, { document }]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counted).toContain('luh-machine-learning@1');
    expect(res.body.imported[0]).toMatchObject({ format: 'elm', matched: 'luh-machine-learning@1', verified: false });
  });

  it('takes the date of issuing from the document, as the issuer wrote it', async () => {
    const document = ob3Credential(await exported('luh-machine-learning', 'ob3'));
    const res = await eligibility([{ document }]);
    expect(res.status).toBe(200);
    expect(res.body.imported[0]).toMatchObject({ matched: 'luh-machine-learning@1', issuedOn: '2026-03-01' });
  });

  it('keeps a document exported by another registry external and unverified', async () => {
    const achievement = {
      ...(await exported('luh-machine-learning', 'ob3')),
      id: 'https://registry.elsewhere.example/credentials/luh-machine-learning@1/export?format=ob3',
    };
    const res = await eligibility([...ELEVEN, { document: ob3Credential(achievement) }]);
    expect(res.status).toBe(200);
    expect(res.body.counted).not.toContain('luh-machine-learning@1');
    expect(res.body.eligible).toBe(false);
    expect(res.body.imported[0]).toMatchObject({ verified: false });
    expect(res.body.imported[0].matched).toBeUndefined();
  });

  it('keeps a document that names a registry credential but differs from it external, and says why', async () => {
    const achievement = { ...(await exported('luh-machine-learning', 'ob3')), creditsAvailable: 10 };
    const res = await eligibility([{ document: ob3Credential(achievement) }]);
    expect(res.status).toBe(200);
    expect(res.body.imported[0].matched).toBeUndefined();
    expect(res.body.imported[0].warnings.join(' ')).toContain('names luh-machine-learning@1 but its ECTS differ');
  });

  it('checks the recognition of an exported document as the registry credential it names', async () => {
    const document = ob3Credential(await exported('luh-machine-learning', 'ob3'));
    const res = await api.call('POST', '/interoperability', {
      body: { credential: { document }, target: { programmeId: 'demo-joint-master' }, asOf: '2026-11-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ compatible: 'yes', recognitionRoute: 'academic-recognition' });
    // A registry offering has no date of issuing to check; an external credential would.
    expect(res.body.checks.map((c: { element: string }) => c.element)).not.toContain('issuedOn');
  });

  it('names the achievement of a malformed document in a 400', async () => {
    const res = await eligibility([
      ...ELEVEN,
      { document: { type: ['VerifiableCredential', 'AchievementCredential'] } },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/^achievements\.11\.document\./);
  });
});
