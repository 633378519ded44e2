import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../functions/local/tokens.js';
import { credentialDraft } from '../support/drafts.js';
import { demoSignIn, hasChromium, settled, useBrowserSession } from './browser.js';

/*
 * The negotiation board in Chromium (SPEC §4, §5): a partner proposes with the structured editor,
 * previews an amendment's impact, amends with a comment, every partner approves, the catalogue
 * drifts and one click adopts it, partners discuss, the coordinator withdraws with a reason.
 * Screens go to docs/screenshots/ with `npm run screenshots`.
 */
describe.skipIf(!hasChromium)('the negotiation board in Chromium', () => {
  const ui = useBrowserSession();
  const meta = () => ui.page.getByTestId('programme-meta');

  it('proposes, previews, amends with a comment, is agreed by all, adopts drift, discusses and is withdrawn with a reason', async () => {
    const { page, registry, errors, shoot, go } = ui;
    const title = `Micro-degree in Data (browser ${randomUUID().slice(0, 6)})`;
    await go('#/negotiation/demo-joint-master');
    await demoSignIn(page, 'institution:luh');

    // Propose with the structured editor: two LUH modules make a 10 ECTS micro-degree.
    const propose = page.getByTestId('propose');
    await propose.getByText('Propose a new programme').click();
    await propose.getByLabel('Title').fill(title);
    await propose.getByLabel('Total ECTS at least').fill('10');
    await propose.getByLabel('Total ECTS at most').fill('10');
    await propose.locator('tr[data-institution="luh"] input[data-bound="minCount"]').fill('2');
    await propose.getByRole('button', { name: 'Propose programme' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await settled(page);
    expect(await page.getByTestId('programme-status').textContent()).toBe('Negotiating');
    expect(await page.getByText('Nothing makes this version unworkable.').count()).toBe(1);

    // Amend: keep three LUH modules; the preview shows the counts before and after.
    const amend = page.getByTestId('amend');
    await amend.getByText('Propose an amendment').click();
    for (const id of ['luh-geoinformatics', 'luh-research-methods'])
      await amend.locator(`tr[data-module="${id}"] input`).uncheck();
    await amend.getByRole('button', { name: 'Preview impact' }).click();
    const preview = page.getByTestId('preview-counts');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/Valid compositions: [\d,]+ now \(version 1\) → 3 with this rule\./);
    expect(await page.getByTestId('preview').textContent()).toContain('Modules removed (2)');
    await shoot('negotiation-preview');
    await amend
      .getByLabel('Comment for the partners')
      .fill('Geoinformatics and research methods leave our catalogue next year.');
    await amend.getByRole('button', { name: 'Propose new version' }).click();
    await meta()
      .getByText(/current version 2/)
      .waitFor();
    expect(await page.getByTestId('history').locator('li').last().textContent()).toContain(
      'Geoinformatics and research methods leave',
    );
    await shoot('negotiation-amended');

    for (const member of ['luh', 'lut', 'but', 'tuwien', 'upm']) {
      await demoSignIn(page, `institution:${member}`);
      if (member === 'upm')
        await page.getByLabel('Comment with your approval (optional)').fill('Agreed: UPM has no module here.');
      await page.getByRole('button', { name: `Approve version 2 as ${member.toUpperCase()}` }).click();
      await page.getByText(`${member.toUpperCase()} has approved version 2.`).waitFor();
      if (member === 'but') await shoot('negotiation-approving');
    }
    expect(await page.getByTestId('programme-status').textContent()).toBe('Agreed');
    expect(await page.getByTestId('history').locator('li[data-type="agreed"]').count()).toBe(1);
    expect(await page.getByTestId('history').textContent()).toContain('Agreed: UPM has no module here.');
    await shoot('negotiation-agreed');

    // The catalogue drifts: LUH registers an offering. One click proposes a version that adopts it.
    const luh = await signToken(registry.secret, { role: 'institution', id: 'luh' });
    const created = await fetch(`${registry.url}/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${luh}`, 'content-type': 'application/json' },
      body: JSON.stringify(credentialDraft({ title: 'Responsible Data Science' })),
    });
    expect(created.status).toBe(201);
    const fresh = ((await created.json()) as { id: string }).id;
    await page.reload();
    await settled(page);
    const drift = page.getByTestId('drift');
    expect(await drift.textContent()).toContain('Responsible Data Science');
    await shoot('negotiation-drift');
    await drift.getByRole('button', { name: 'Propose a version that adopts these changes' }).click();
    await meta()
      .getByText(/current version 3/)
      .waitFor();
    expect(await page.getByTestId('programme-status').textContent()).toBe('Negotiating');
    expect(await page.getByTestId('standing').textContent()).toContain('Version 2 stays agreed');
    expect(await page.getByTestId('drift').textContent()).toContain('has not changed');
    const v3 = (await (await fetch(`${registry.url}/programmes/${page.url().split('/').pop()}/versions/3`)).json()) as {
      rule: { modules: string[] };
    };
    expect(v3.rule.modules).toContain(`${fresh}@1`);

    // Partners discuss; the coordinator withdraws, saying why.
    await demoSignIn(page, 'institution:lut');
    await page.getByLabel('Your comment').fill('LUT would add a module in spring.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByTestId('history').getByText('LUT would add a module in spring.').waitFor();
    await demoSignIn(page, 'coordinator:demo');
    await page.getByText('Withdraw this programme').click();
    await page.getByLabel('Reason (kept in the history)').fill('Replaced by the joint master.');
    await page.getByRole('button', { name: 'Withdraw programme' }).click();
    await page.getByTestId('history').getByText('Reason: Replaced by the joint master.').waitFor();
    expect(await page.getByTestId('programme-status').textContent()).toBe('Withdrawn');
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows the newest events of a long history and loads the rest on request', async () => {
    const { page, registry, errors, go } = ui;
    const coordinator = await signToken(registry.secret, { role: 'coordinator', id: 'demo' });
    const call = (path: string, body: unknown) =>
      fetch(`${registry.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await call('/alliances/demo/programmes', {
      rule: {
        title: `Long talk (browser ${randomUUID().slice(0, 6)})`,
        award: 'micro-degree',
        eqfLevel: 7,
        ects: { min: 10, max: 10 },
      },
    });
    const { id } = (await res.json()) as { id: string };
    for (let i = 1; i <= 55; i++)
      expect((await call(`/programmes/${id}/comments`, { version: 1, text: `Remark ${i}` })).status).toBe(201);
    await go(`#/negotiation/${id}`);
    const history = page.getByTestId('history');
    expect(await history.locator('li').count()).toBe(50);
    await page.getByRole('button', { name: 'Show all 56' }).click();
    await history.getByText('proposed version 1').waitFor();
    expect(await history.locator('li').count()).toBe(56);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the warnings of a version that cannot work', async () => {
    const { page, registry, errors, go } = ui;
    const coordinator = await signToken(registry.secret, { role: 'coordinator', id: 'demo' });
    const res = await fetch(`${registry.url}/alliances/demo/programmes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rule: {
          title: `Tiny (browser ${randomUUID().slice(0, 6)})`,
          award: 'micro-degree',
          eqfLevel: 7,
          ects: { min: 5, max: 5 },
        },
      }),
    });
    expect(res.status).toBe(201);
    await go(`#/negotiation/${((await res.json()) as { id: string }).id}`);
    expect(await page.getByTestId('warnings').textContent()).toContain('a micro-degree is 10–60 ECTS');
    expect(errors).toEqual([]);
  });
});
