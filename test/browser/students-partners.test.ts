import { describe, expect, it } from 'vitest';
import { hasChromium, settled, watchErrors, useBrowserSession } from './browser.js';

/*
 * The student and partner flows in Chromium against a seeded local registry: held credentials each
 * with their own date and score, the closest programmes, a saved plan opened from its link in a
 * fresh browser and deleted, where a credential counts, and pathway charts of exact counts.
 * Screenshots go to docs/screenshots/ with `npm run screenshots`.
 */
describe.skipIf(!hasChromium)('students and partners in Chromium', () => {
  const ui = useBrowserSession();
  /** Ticks a catalogue credential and gives its own date of issuing and, optionally, a score in %. */
  const hold = async (id: string, issuedOn: string, scorePercent?: number) => {
    await ui.page.locator(`#held-${id}`).check();
    await ui.page.getByTestId(`issued-${id}`).fill(issuedOn);
    if (scorePercent !== undefined) await ui.page.getByTestId(`score-${id}`).fill(String(scorePercent));
  };

  it('ranks the alliance’s programmes closest first for what a student holds', async () => {
    const { page, errors, shoot, go } = ui;
    await go('#/closest');
    await hold('luh-machine-learning', '2025-10-01', 92);
    await hold('luh-data-engineering', '2026-02-15');
    await hold('lut-computer-vision', '2026-03-01', 75);
    await page.getByRole('button', { name: 'Find my closest programmes' }).click();
    const ranked = page.getByTestId('closest').locator(':scope > li');
    await ranked.first().waitFor();
    expect(await ranked.count()).toBe(2);
    const first = await ranked.first().getAttribute('data-programme');
    expect(first).toBe('demo-micro-degree-data-science');
    expect(await ranked.nth(1).textContent()).toMatch(/45 more ECTS in 9 credentials/);
    // Titles, not ids, in the credentials that would complete each programme.
    expect(await page.getByTestId('closest').textContent()).not.toMatch(/@\d/);
    await shoot('closest-programmes');
    expect(errors).toEqual([]);
  });

  it('saves a plan whose link shows it in a fresh browser, and deletes it with its key', async () => {
    const { page, browser, errors, shoot, go } = ui;
    await go('#/eligibility/demo-joint-master');
    await hold('luh-machine-learning', '2025-10-01', 92);
    await hold('upm-ai-ethics', '2026-01-20');
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    const plan = page.getByTestId('plan');
    await plan.waitFor();
    expect(await plan.getByRole('heading').textContent()).toBe('Cheapest completion: 50 more ECTS in 10 credentials');
    expect(await plan.locator('li').first().textContent()).not.toMatch(/@|luh-|lut-|but-|tuwien-|upm-/);
    await page.getByRole('button', { name: 'Save this plan and get a link' }).click();
    const link = await page.getByTestId('plan-link').getAttribute('href');
    expect(link).toMatch(/#\/plans\/[A-Za-z0-9_-]{22}$/);
    await shoot('plan-saved');

    const advisor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const fresh = await advisor.newPage();
    const freshErrors = watchErrors(fresh);
    await fresh.goto(link ?? '');
    await settled(fresh);
    await fresh.getByRole('heading', { level: 1, name: /Saved plan: / }).waitFor();
    expect(await fresh.getByTestId('plan-held').textContent()).toContain('Machine Learning Foundations');
    expect(await fresh.getByTestId('plan-held').textContent()).toContain('score 92 %');
    expect(await fresh.getByTestId('plan').getByRole('heading').textContent()).toBe(
      'Cheapest completion: 50 more ECTS in 10 credentials',
    );
    // The advisor's browser does not hold the delete key.
    expect(await fresh.getByLabel('Delete key').inputValue()).toBe('');
    await shoot('saved-plan', fresh);
    expect(freshErrors).toEqual([]);

    await go(`#/plans/${link?.split('/').pop()}`);
    expect(await page.getByLabel('Delete key').inputValue()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Delete the plan' }).click();
    await page.getByTestId('plan-deleted').waitFor();
    await fresh.reload();
    await settled(fresh);
    expect(await fresh.locator('main').getByRole('alert').textContent()).toContain('was not found');
    await advisor.close();
    expect(errors).toEqual([]);
  });

  it('counts a badge this registry exported, pasted back, as its credential', async () => {
    const { page, registry, errors, go } = ui;
    const achievement = await (
      await fetch(`${registry.url}/credentials/luh-machine-learning/export?format=ob3`)
    ).json();
    const badge = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:0b3c0000-0000-4000-8000-0000000000bb',
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer: { id: 'https://luh.example/issuers/1', type: ['Profile'], name: 'Leibniz Universität Hannover' },
      validFrom: '2026-03-02T10:00:00+01:00',
      credentialSubject: { type: ['AchievementSubject'], achievement },
    };
    await go('#/eligibility/demo-joint-master');
    await page.getByLabel(/Paste an Open Badges 3.0/).fill(JSON.stringify(badge));
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    await page.getByTestId('eligibility-result').waitFor();
    expect(await page.getByTestId('counted').textContent()).toContain('Machine Learning Foundations');
    expect(await page.getByTestId('matched').textContent()).toContain(
      'exported by this registry: it counts as Machine Learning Foundations',
    );
    expect(await page.getByTestId('plan').getByRole('heading').textContent()).toBe(
      'Cheapest completion: 55 more ECTS in 11 credentials',
    );
    expect(errors).toEqual([]);
  });

  it('shows on a credential’s page where it counts, with the number of compositions', async () => {
    const { page, errors, shoot, go } = ui;
    await go('#/credentials/upm-ai-ethics');
    const table = page.getByTestId('where-it-counts');
    const row = table.locator('tbody tr').filter({ hasText: 'Agreed' }).first();
    await row.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await row.locator('td').last().textContent()).toMatch(/^[\d,]+$/);
    expect(await page.getByText('Ética de la inteligencia artificial (es)').count()).toBe(1);
    await shoot('credential-where-it-counts');
    expect(errors).toEqual([]);
  });

  it('charts what the compositions are made of from exact counts, with titles', async () => {
    const { page, errors, shoot, go } = ui;
    await go('#/pathways/demo-joint-master');
    const top = page.getByTestId('top-modules');
    await top.waitFor();
    const widths = await top.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(widths.length).toBe(10);
    expect(new Set(widths).size).toBeGreaterThan(1);
    expect(await page.getByRole('img', { name: /Average ECTS per composition by partner/ }).count()).toBe(1);
    expect(await page.getByTestId('pathways-list').textContent()).not.toMatch(/@\d/);
    await shoot('pathways-charts');
    expect(errors).toEqual([]);
  });
});
