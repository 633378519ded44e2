import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalRegistry } from '../../functions/local/registry.js';
import { loadOrCreateSecret } from '../../functions/local/tokens.js';
import { hasChromium, launch, proposeTestProgramme, startBrowserRegistry, watchErrors } from './browser.js';
import { startFakeCognito, type FakeCognito } from './fake-cognito.js';

/*
 * The web app signing in as it does in AWS: its config.json says Cognito, and Chromium goes
 * through the authorization code flow with PKCE against a fake managed login (fake-cognito.ts)
 * that is as strict as Cognito about the state, the verifier and the redirect URI, then writes to
 * the real local API with the token it got.
 */
const CLIENT_ID = 'web-app-client';

describe.skipIf(!hasChromium)('Cognito sign-in in Chromium', () => {
  let registry: LocalRegistry;
  let cognito: FakeCognito;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const appUrl = () => `${registry.url}/`;
  const settled = () => page.locator('main[aria-busy]').waitFor({ state: 'detached' });
  const signInButton = () => page.getByRole('button', { name: 'Sign in', exact: true });
  const alert = () => page.locator('#session').getByRole('alert');
  // An expression, not a function: the test is type-checked without the DOM's types.
  const storedToken = () => page.evaluate<string | null>("window.sessionStorage.getItem('registry.accessToken')");

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'registry-cognito-'));
    // The registry signs its local tokens with the secret in dataDir; the fake signs with the same.
    cognito = await startFakeCognito({ clientId: CLIENT_ID, appUrl, secret: loadOrCreateSecret(dataDir) });
    [registry, browser] = await Promise.all([
      startBrowserRegistry({
        dataDir,
        signIn: { kind: 'cognito', domain: cognito.url, clientId: CLIENT_ID, scopes: ['openid', 'email', 'profile'] },
      }),
      launch(),
    ]);
  }, 120_000);

  beforeEach(async () => {
    await page?.context().close();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchErrors(page);
    cognito.refusals.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await registry?.stop();
    await cognito?.stop();
  });

  it('signs in with the code and PKCE, returns to the view it left, approves as the institution and signs out', async () => {
    const id = await proposeTestProgramme(registry, 'sign-in test');
    cognito.user = { role: 'institution', id: 'luh', sub: 'registrar@uni-hannover.de' };

    await page.goto(`${registry.url}/#/negotiation/${id}`);
    await settled();
    await signInButton().click();
    await page.getByTestId('session-who').waitFor();
    expect(await page.getByTestId('session-who').textContent()).toBe('LUH (institution)');
    // Back where the user left, with code and state gone from the address.
    const address = new URL(page.url());
    expect(address.search).toBe('');
    expect(address.hash).toBe(`#/negotiation/${id}`);
    expect(cognito.tokensIssued).toContain(await storedToken());

    await settled();
    await page.getByRole('button', { name: 'Approve version 1 as LUH' }).click();
    await page.getByText('LUH has approved version 1.').waitFor();
    const programme = (await (await fetch(`${registry.url}/programmes/${id}`)).json()) as {
      approvals: Record<string, unknown>;
    };
    expect(Object.keys(programme.approvals)).toEqual(['luh']);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInButton().waitFor();
    expect(cognito.logouts).toHaveLength(1);
    expect(await storedToken()).toBeNull();
    expect(cognito.refusals).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('refuses an answer whose state this tab did not send, and trades no code for it', async () => {
    const issued = cognito.tokensIssued.length;
    cognito.next = 'tamper-state';
    await page.goto(`${registry.url}/#/catalogue`);
    await settled();
    await signInButton().click();
    await alert()
      .getByText(/Sign-in failed: the answer does not match a sign-in started in this tab/)
      .waitFor();
    expect(cognito.tokensIssued).toHaveLength(issued);
    expect(await storedToken()).toBeNull();
    expect(new URL(page.url()).search).toBe('');
    await expect.poll(() => signInButton().isVisible()).toBe(true);
    expect(cognito.refusals).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the error the managed login sends back', async () => {
    cognito.next = { error: 'access_denied', description: 'The user cancelled the sign-in' };
    await page.goto(`${registry.url}/`);
    await settled();
    await signInButton().click();
    await alert().getByText('Sign-in failed: The user cancelled the sign-in').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await storedToken()).toBeNull();
    expect(errors).toEqual([]);
  });

  it('ends the session when the access token expires, and says so', async () => {
    await page.clock.install();
    cognito.user = { role: 'operator', expiresIn: '1h' };
    await page.goto(`${registry.url}/`);
    await settled();
    await signInButton().click();
    await page.getByTestId('session-who').waitFor();
    await page.clock.fastForward('01:00:01');
    await alert().getByText('Your sign-in has expired. Sign in again to continue.').waitFor();
    expect(await storedToken()).toBeNull();
    expect(await signInButton().isVisible()).toBe(true);
    expect(cognito.refusals).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('has a token endpoint that refuses a verifier which does not match the challenge', async () => {
    // The guard the tests above rely on: a wrong verifier would have been refused and recorded.
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: appUrl(),
      scope: 'openid',
      state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const authorized = await fetch(`${cognito.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
    const code = new URL(authorized.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const traded = await fetch(`${cognito.url}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        redirect_uri: appUrl(),
        code_verifier: 'not-the-verifier',
      }),
    });
    expect(traded.status).toBe(400);
    expect(cognito.refusals).toEqual(['/oauth2/token: code_verifier does not match']);
  });
});
