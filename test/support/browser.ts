import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); playwright-core drives it and never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * `describe` for tests that need a real browser. Where no chromium is installed (a machine with only Node) the
 * suite is reported as skipped with the reason; .ci/run installs chromium so CI always runs them.
 */
export const describeInBrowser: jest.Describe = hasChromium
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: no chromium at ${CHROMIUM})`, fn)) as unknown as jest.Describe);

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
