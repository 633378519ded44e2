import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startLocalRegistry, type LocalRegistry, type LocalRegistryOptions } from '../../functions/local/registry.js';
import { signToken } from '../../functions/local/tokens.js';

/*
 * Debian's chromium driven by playwright-core (no browser download). When the binary is absent
 * the browser tests skip; CI installs it (`apt-get install -y chromium`).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });

/**
 * `npm run screenshots` (UPDATE_SCREENSHOTS=1) writes docs/screenshots/; an ordinary run writes
 * to a temporary folder, so `npm test` leaves the work tree alone.
 */
export const screenshotDir = (): string => {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? path.resolve(import.meta.dirname, '../../docs/screenshots')
      : mkdtempSync(path.join(tmpdir(), 'registry-screens-'));
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Fails the test on any script error or failed request the page reports. */
export const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
};

/** Waits until the app's router has put the current view into <main>. */
export const settled = (page: Page): Promise<void> => page.locator('main[aria-busy]').waitFor({ state: 'detached' });

/** Signs in with the development server's demo sign-in (`institution:luh`, `coordinator:demo`, `student:`). */
export const demoSignIn = async (page: Page, choice: string): Promise<void> => {
  if (await page.getByRole('button', { name: 'Sign out' }).isVisible())
    await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Demo sign-in').selectOption(choice);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('session-who').waitFor();
  await settled(page);
};

/** A seeded local registry of its own (a table of the shared DynamoDB Local), as the browser tests use it. */
export const startBrowserRegistry = (options: Partial<LocalRegistryOptions> = {}): Promise<LocalRegistry> =>
  startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(path.join(tmpdir(), 'registry-browser-')),
    inMemory: true,
    seed: true,
    endpoint: inject('dynamoEndpoint'),
    tableName: `t-${randomUUID()}`,
    ...options,
  });

/** A fresh programme in the demo alliance (the seeded joint master's rule under a new title), proposed through the API. */
export const proposeTestProgramme = async (registry: LocalRegistry, label: string): Promise<string> => {
  const coordinator = await signToken(registry.secret, { role: 'coordinator', id: 'demo' });
  const seeded = (await (await fetch(`${registry.url}/programmes/demo-joint-master`)).json()) as {
    versions: { rule: Record<string, unknown> }[];
  };
  const rule = {
    ...seeded.versions[0]?.rule,
    title: `Joint Master (${label} ${randomUUID().slice(0, 8)})`,
    programmes: undefined,
  };
  const proposed = await fetch(`${registry.url}/alliances/demo/programmes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rule: JSON.parse(JSON.stringify(rule)) }),
  });
  if (proposed.status !== 201) throw new Error(`proposing a test programme answered ${proposed.status}`);
  return ((await proposed.json()) as { id: string }).id;
};

/** What a describe block of browser tests shares: a seeded registry, Chromium, one page. */
export interface BrowserSession {
  readonly registry: LocalRegistry;
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors and failed requests of `page` (watchErrors). */
  readonly errors: string[];
  /** Photographs `target` (the session's page by default) as docs/screenshots/<name>.png. */
  shoot(name: string, target?: Page): Promise<Buffer>;
  /** Opens a hash route of the web app and waits until it has rendered. */
  go(hash: string, target?: Page): Promise<void>;
}

/**
 * Starts a session before the tests of the calling describe block and stops it after them. Its
 * fields are filled in `beforeAll`, so tests read them when they run, not when they are declared.
 */
export const useBrowserSession = (options: Partial<LocalRegistryOptions> = { devTokens: true }): BrowserSession => {
  const state: { registry?: LocalRegistry; browser?: Browser; page?: Page; errors?: string[]; shots?: string } = {};
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser session has no ${what} yet: use it inside a test`);
    return value;
  };
  beforeAll(async () => {
    [state.registry, state.browser] = await Promise.all([startBrowserRegistry(options), launch()]);
    state.page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
    state.errors = watchErrors(state.page);
    state.shots = screenshotDir();
  }, 120_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.registry?.stop();
  });
  const session: BrowserSession = {
    get registry() {
      return need(state.registry, 'registry');
    },
    get browser() {
      return need(state.browser, 'browser');
    },
    get page() {
      return need(state.page, 'page');
    },
    get errors() {
      return need(state.errors, 'error list');
    },
    shoot: (name, target) =>
      (target ?? session.page).screenshot({
        path: path.join(need(state.shots, 'screenshot folder'), `${name}.png`),
        fullPage: true,
      }),
    go: async (hash, target) => {
      const page = target ?? session.page;
      await page.goto(`${session.registry.url}/${hash}`);
      await settled(page);
    },
  };
  return session;
};
