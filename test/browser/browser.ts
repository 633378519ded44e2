import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/*
 * Debian's chromium driven by playwright-core (no browser download). When the binary is absent
 * the browser tests skip; CI installs it (`apt-get install -y chromium`).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });

/**
 * `npm run screenshots` (UPDATE_SCREENSHOTS=1) writes docs/screenshots/; an ordinary run writes
 * to a temporary folder, so `npm test` leaves the work tree alone.
 */
export const screenshotDir = (): string => {
  const dir = process.env.UPDATE_SCREENSHOTS === '1'
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
