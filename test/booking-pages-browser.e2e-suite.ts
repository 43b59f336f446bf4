import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../src/time/clock';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, Directory, post, seedDirectory } from './support/factories';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

/** The little of the browser's document these tests read (the functions given to page.evaluate run there). */
interface BrowserElement {
  id: string;
  tagName: string;
  innerText: string;
  textContent: string | null;
  checked?: boolean;
  selectedOptions?: { text: string }[];
  getAttribute(name: string): string | null;
}
type InBrowser = {
  document: { activeElement: BrowserElement | null; querySelector(selector: string): BrowserElement | null };
};

/** The focused element's label (or text), and what it holds: what a screen reader would announce. */
function focused(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as InBrowser).document;
    const el = doc.activeElement;
    const label = el?.id ? doc.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return {
      name: (label ?? el?.innerText ?? el?.getAttribute('aria-label') ?? '').trim(),
      selected: el?.selectedOptions?.[0]?.text ?? null,
      checked: el?.checked ?? null,
    };
  });
}

/** Presses Tab until the focused element's label or text is `name`: what a keyboard-only user does. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 250; i++) {
    await page.keyboard.press('Tab');
    if (name.test((await focused(page)).name)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

async function typeInto(page: Page, label: RegExp, value: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(value);
}

/** A closed select, as the keyboard changes it: arrow down until the option wanted shows. */
async function choose(page: Page, label: RegExp, option: RegExp): Promise<void> {
  await tabTo(page, label);
  for (let i = 0; i < 40; i++) {
    if (option.test((await focused(page)).selected ?? '')) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${label} never showed ${option}`);
}

async function tick(page: Page, label: RegExp): Promise<void> {
  await tabTo(page, label);
  if (!(await focused(page)).checked) await page.keyboard.press('Space');
  expect((await focused(page)).checked).toBe(true);
}

describeInBrowser('booking a meeting in parts with the keyboard only', () => {
  let t: TestApp;
  let dir: Directory;
  let browser: Browser;
  let base: string;
  let child: { id: string; reference: string };
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  const account = { email: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    dir = await seedDirectory(t);
    Object.assign(
      account,
      await anAccount(t, { email: 'bea@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
    child = await aCase(t);
    await post(
      t,
      '/api/meetings',
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-11-24T10:00:00Z', 60)],
      }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('books a split ICPC, the father in part 2 only: every page axe-clean, parts and people added with the keyboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in?next=%2Fmeetings`);
    await typeInto(page, /^Email address$/, account.email);
    await typeInto(page, /^Password$/, account.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/meetings$/);

    await tabTo(page, /^Book a meeting$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/meetings\/new$/);
    await tabTo(page, /^(Initial child protection conference|Strategy discussion.*)$/);
    while ((await focused(page)).name !== 'Initial child protection conference') await page.keyboard.press('ArrowDown');
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/type=ICPC/);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-parts-form');
    expect(await page.locator('h1').innerText()).toBe('Book an initial child protection conference');
    // Enter in an empty form: the error summary names each field, each message beside its field.
    await tabTo(page, /^Case reference$/);
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Enter the case reference');
    expect(summary).toContain('Enter the date of the meeting');
    expect(await page.locator('#s0-start-error').innerText()).toContain('Enter the start time of the meeting');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-parts-errors');

    await typeInto(page, /^Case reference$/, child.reference);
    await choose(page, /^Chair$/, /^Morgan Chair/);
    await tabTo(page, /^In person$/);
    await page.keyboard.press('ArrowDown'); // the radios' next choice: Video
    expect(await focused(page)).toMatchObject({ name: 'Video', checked: true });
    await typeInto(page, /^Day$/, '3');
    await typeInto(page, /^Month$/, '12');
    await typeInto(page, /^Year$/, '2026');
    await typeInto(page, /^Start time of the meeting/, '10:00');
    await typeInto(page, /^End time of the meeting/, '11:30');
    await typeInto(page, /^Video link for the meeting$/, 'https://video.example/meet/1');
    await choose(page, /^Name of person 1$/, /^DC Sam Patel/);
    await choose(page, /^Person 1 attends as$/, /^Police$/);
    await tick(page, /^A report is required from person 1$/);
    await choose(page, /^Name of person 2$/, /^Amelia Testparent/);
    await choose(page, /^Person 2 attends as$/, /^Parent$/);
    await tabTo(page, /^Add another part$/);
    await page.keyboard.press('Enter');
    await page.locator('#s1-start').waitFor();
    // What was typed came back, and the people chosen are in the first part.
    expect(await page.locator('#s0-videoUrl').inputValue()).toBe('https://video.example/meet/1');
    expect(await page.locator('#p0-part-0').isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-parts-two');

    await typeInto(page, /^Name of part 1/, 'Professionals and mother');
    await typeInto(page, /^Name of part 2/, 'Professionals and father');
    await typeInto(page, /^Start time of part 2/, '13:00');
    await typeInto(page, /^End time of part 2/, '14:00');
    await typeInto(page, /^Dial-in number for part 2$/, '+44 20 7946 0000');
    await tick(page, /^Part 2$/); // person 1, the police officer, attends both
    await tabTo(page, /^Access needs of person 2$/);
    await page.keyboard.press('Enter');
    await typeInto(page, /^Language an interpreter is needed for$/, 'Polish');
    await tabTo(page, /^Add another person$/);
    await page.keyboard.press('Space');
    await page.locator('#p2-person').waitFor();
    expect(await page.locator('#p1-interpreter').inputValue()).toBe('Polish');
    await choose(page, /^Name of person 3$/, /^Barry Testparent/);
    await choose(page, /^Person 3 attends as$/, /^Parent$/);
    await tick(page, /^Professionals and father$/);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-parts-three-people');
    // Enter in a field continues (the form's default button), never adds or removes a part.
    await tabTo(page, /^Venue for part 2$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your answers before booking' }).waitFor();
    const answers = await page.locator('main').innerText();
    expect(answers).toMatch(/Within timescale\s+Yes/);
    expect(answers).toContain('Part 2: Professionals and father');
    expect(answers.split('Part 2:')[1]).toContain('Barry Testparent, Parent');
    expect(answers.split('Part 2:')[1]).not.toContain('Amelia');
    expect(answers.split('Part 2:')[0]).not.toContain('Barry');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-parts-check');

    await tabTo(page, /^Book the meeting and send invitations$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Initial child protection conference');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-parts-booked');
    const id = /\/meetings\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const invites: { name: string; parts: number }[] = await t.dataSource.query(
      `SELECT pe.name, count(*)::int AS parts FROM deliveries d JOIN participants p ON p.id = d.participant_id
         JOIN people pe ON pe.id = p.person_id WHERE d.meeting_id = $1 AND d.kind = 'INVITE' GROUP BY pe.name ORDER BY pe.name`,
      [id],
    );
    expect(invites).toEqual([
      { name: 'Amelia Testparent', parts: 1 },
      { name: 'Barry Testparent', parts: 1 },
      { name: 'DC Sam Patel', parts: 2 },
      { name: 'Morgan Chair', parts: 2 },
    ]);
    await context.close();
  });
});
