import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); playwright-core drives it and never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * `describe` for tests that need a real browser. Where no chromium is installed (a machine with only Node) the
 * suite is reported as skipped with the reason. Under CI (`CI=true`, where .ci/run installs chromium) a missing
 * browser is a failure, never a silent skip.
 */
export const describeInBrowser: jest.Describe =
  hasChromium || process.env.CI === 'true'
    ? describe
    : (((name: string, fn: () => void) =>
        describe.skip(`${name} (skipped: no chromium at ${CHROMIUM})`, fn)) as unknown as jest.Describe);

/**
 * The browser stands for the user's own machine: it keeps the real clock even when the test run moves the date
 * with libfaketime (the time-travel run), which Chromium does not survive.
 */
function realClockEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && key !== 'LD_PRELOAD' && !key.startsWith('FAKETIME')) env[key] = value;
  return env;
}

export async function launchChromium(): Promise<Browser> {
  if (!hasChromium)
    throw new Error(`CI=true and no chromium at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    env: realClockEnvironment(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where the browser tests leave their screenshots, for a person to look at (not compared by any test). */
export const ARTEFACTS = process.env.TEST_ARTEFACTS_DIR ?? path.join(__dirname, '..', '..', 'test-artefacts');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.jpg`);
  // JPEG: a third less time than PNG for a long page (41 screenshots, 11.3 s → 7.5 s), and as good to look at.
  await page.screenshot({ path: file, fullPage: true, type: 'jpeg', quality: 80 });
  return file;
}

/** axe-core's own build, evaluated in the page under test (Playwright's evaluate is not subject to the page's CSP). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const WCAG_22_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  // Only violations are read: axe then keeps one node per passed rule instead of every node (its documented way to
  // run faster); the rules it checks are the same.
  resultTypes: ['violations'],
};

/**
 * WCAG 2.2 AA as axe-core checks it: each violation as one line naming its rule and the elements (none expected).
 *
 * axe runs in the page itself (`axe.run`), injected once per document. @axe-core/playwright's AxeBuilder did the
 * same checks in 2.4–3.6 s a page against 0.7 s here (measured on the ICPC booking form): it runs axe partially in
 * every frame and then opens a second, blank page to merge the results, which is for cross-origin iframes — the
 * staff and family pages have no iframes (the check below fails if one ever appears, rather than skip it).
 */
type AxeRun = { run(context: unknown, options: RunOptions): Promise<AxeResults> };

export async function axeViolations(page: Page): Promise<string[]> {
  expect(page.frames()).toHaveLength(1);
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate((options) => {
    const { axe, document } = globalThis as unknown as { axe: AxeRun; document: unknown };
    return axe.run(document, options);
  }, WCAG_22_AA);
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
