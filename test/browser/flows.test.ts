import { describe, expect, it } from 'vitest';
import { hasChromium, useBrowserSession } from './browser.js';

/*
 * The web app end to end in Chromium against a local registry (seeded demo alliance, dev sign-in):
 * the catalogue, the student's eligibility check and the pathways (the negotiation board has
 * negotiation.test.ts). Each screen is photographed (docs/screenshots/ with `npm run screenshots`).
 */
describe.skipIf(!hasChromium)('web app in Chromium', () => {
  const ui = useBrowserSession();

  it('filters the catalogue and shows a credential with its standard elements and exports', async () => {
    const { page, errors, shoot, go } = ui;
    await go('#/catalogue');
    await shoot('catalogue');
    await page.getByLabel('Institution').selectOption('luh');
    await page.getByLabel('Text').fill('machine learning');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => page.getByTestId('catalogue-summary').textContent(), { timeout: 10_000 })
      .toBe('Showing 1 credential.');
    await page.getByRole('link', { name: 'Machine Learning Foundations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Machine Learning Foundations' }).waitFor();
    expect(await page.getByText('Type of quality assurance').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Open Badges 3.0 (JSON-LD)' }).getAttribute('href')).toBe(
      '/credentials/luh-machine-learning/export?format=ob3',
    );
    await shoot('credential');
    expect(errors).toEqual([]);
  });

  it('tells a student what is missing, plans the cheapest completion, and confirms it', async () => {
    const { page, errors, shoot, go } = ui;
    await go('#/eligibility/demo-joint-master');
    await page.getByRole('checkbox', { name: /^Machine Learning Foundations/ }).check();
    await page.getByLabel(/Paste an Open Badges 3.0/).fill(JSON.stringify(partnerBadge));
    await page.getByRole('button', { name: 'Add this credential' }).click();
    await page.getByTestId('documents').getByText('Pasted credential: Machine Learning Operations').waitFor();
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    const result = page.getByTestId('eligibility-result');
    await result.getByRole('heading', { name: 'Not eligible yet' }).waitFor();
    expect(await page.getByTestId('missing').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('not-counted').textContent()).toContain('Machine Learning Operations');
    expect(await page.getByTestId('plan').getByRole('heading').textContent()).toBe(
      'Cheapest completion: 55 more ECTS in 11 credentials',
    );
    expect(await page.getByTestId('notice').textContent()).toContain('awarding institutions');
    await shoot('eligibility-missing');

    const planned = await page
      .getByTestId('plan')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-credential') ?? ''));
    for (const id of planned) await page.locator(`#held-${id}`).check();
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    await result.getByRole('heading', { name: '✓ Your credentials stack into this programme' }).waitFor();
    await shoot('eligibility-eligible');
    expect(errors).toEqual([]);
  });

  it('counts the pathways, pages through them and charts the ECTS per partner', async () => {
    const { page, errors, shoot, go } = ui;
    await go('#/pathways/demo-joint-master');
    expect(await page.getByTestId('pathways-total').textContent()).toMatch(/^[\d,]+ valid composition/);
    expect(await page.getByTestId('pathways-list').locator(':scope > li').count()).toBe(10);
    expect(await page.getByRole('img', { name: /Average ECTS per composition by partner/ }).count()).toBe(1);
    await shoot('pathways');
    await page.getByRole('button', { name: 'Next →' }).click();
    // The next page is computed by the engine (a time-bounded count): allow it seconds, not the default one.
    await expect.poll(() => page.getByTestId('pathways-list').getAttribute('start'), { timeout: 20_000 }).toBe('11');
    expect(errors).toEqual([]);
  });
});

/** An Open Badges 3.0 credential from a partner outside the alliance, as a student's wallet holds it. */
const partnerBadge = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:4a3b2c1d-0000-4000-8000-000000000001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Machine Learning Operations',
  issuer: {
    id: 'https://badges.example.nl/issuers/1',
    type: ['Profile'],
    name: 'Delft University of Technology',
    address: { type: ['Address'], addressCountryCode: 'NL' },
  },
  validFrom: '2024-09-30T16:00:00+02:00',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://badges.example.nl/achievements/mlops',
      type: ['Achievement'],
      name: 'Machine Learning Operations',
      description: 'Deploying and monitoring ML systems.',
      criteria: { narrative: 'Pass the final project.' },
      creditsAvailable: 4,
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'Level 7',
          targetUrl: 'http://data.europa.eu/snb/eqf/7',
          targetFramework: 'European Qualifications Framework',
        },
      ],
    },
  },
};
