import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../src/time/clock';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

/** The little of the browser's document these tests read (the functions given to page.evaluate run there). */
interface BrowserElement {
  id: string;
  innerText: string;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
}
type InBrowser = {
  document: {
    activeElement: BrowserElement | null;
    body: BrowserElement;
    querySelector(selector: string): BrowserElement | null;
  };
};

/** Presses Tab until the focused element's text or label is `name`: what a keyboard-only user does. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as unknown as InBrowser).document.activeElement;
      const label = el?.id
        ? (globalThis as unknown as InBrowser).document.querySelector(`label[for="${el.id}"]`)?.textContent
        : null;
      return (label ?? el?.innerText ?? el?.getAttribute('aria-label') ?? '').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describeInBrowser('staff pages in a real browser', () => {
  let t: TestApp;
  let dir: Directory;
  let browser: Browser;
  let base: string;
  let meeting: MeetingBody;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  const account = { email: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    dir = await seedDirectory(t);
    Object.assign(account, await anAccount(t, { email: dir.people.chair.email!, roles: ['CHAIR'] }));
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [
          aSession('2026-11-26T10:00:00Z', 60, {
            label: 'Professionals and mother',
            join: { videoUrl: 'https://video.example/one', accessCode: '111111' },
          }),
          aSession('2026-11-26T13:00:00Z', 60, {
            label: 'Professionals and father',
            join: { dialInNumber: '+44 20 7946 0999', accessCode: '222222' },
          }),
        ],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
          {
            personId: dir.people.mother.id,
            role: 'PARENT',
            sessions: [0],
            accessNeeds: { interpreterLanguage: 'Polish' },
          },
          { personId: dir.people.father.id, role: 'PARENT', sessions: [1] },
        ],
      }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('signs in through the form, and every page is axe-clean, runs GOV.UK Frontend under the strict CSP, and needs no inline script', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));

    await page.goto(`${base}/meetings`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-sign-in');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter a correct email address and password',
    );
    // GOV.UK Frontend's script moved the focus to the error summary: its JavaScript ran from /assets.
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as InBrowser).document.activeElement?.classList.contains('govuk-error-summary'),
      ),
    ).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-sign-in-error');
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/meetings$/);

    expect(await page.locator('h1').innerText()).toBe('Meetings');
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as InBrowser).document.body.classList.contains('govuk-frontend-supported'),
      ),
    ).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-meetings');

    await page.goto(`${base}/meetings?from-day=31&from-month=2&from-year=2027`);
    expect(await page.title()).toBe('Error: Meetings – Quorum');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-meetings-error');

    await page.goto(`${base}/`);
    expect(await page.locator('main').innerText()).toContain('Later this week');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-home');

    // One invitation failed: the page shows why, and a button to send it again.
    const police = meeting.participants.find((p) => p.personId === dir.people.police.id)!;
    await t.dataSource.query(
      `UPDATE deliveries SET status = 'FAILED', last_error = '550 mailbox unavailable' WHERE participant_id = $1`,
      [police.id],
    );
    await page.goto(`${base}/meetings/${meeting.id}`);
    expect(await page.getByRole('button', { name: 'Send again to DC Sam Patel' }).count()).toBe(1);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Professionals and father');
    expect(body).toContain('+44 20 7946 0999');
    expect(body).toContain('Interpreter: Polish');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-meeting');

    await page.goto(`${base}/meetings/00000000-0000-4000-8000-000000000000`);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    expect(await axeViolations(page)).toEqual([]);

    // The wrong password (401) and the made-up meeting (404) are the only errors the browser reported: no CSP
    // violation, no missing asset.
    expect(consoleErrors.filter((e) => !/status of (401|404)/.test(e))).toEqual([]);
    expect(consoleErrors).toHaveLength(2);
    await context.close();
  });

  it('cancels a meeting with the keyboard only, through the confirmation page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(`/meetings/${meeting.id}`)}`);
    await tabTo(page, /^Email address$/);
    await page.keyboard.type(account.email);
    await tabTo(page, /^Password$/);
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/meetings/${meeting.id}$`));

    await tabTo(page, /^Cancel this meeting$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cancel$/);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-cancel-reason');
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    // No reason: the error summary takes the focus, and its link leads to the field.
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter why the meeting is cancelled');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /^Enter why the meeting is cancelled$/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as unknown as InBrowser).document.activeElement?.id)).toBe('reason');
    await page.keyboard.type('Family moved out of the area');
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Are you sure you want to cancel this meeting?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-cancel-confirm');
    await tabTo(page, /^Yes, cancel the meeting$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/cancelled=1$/);
    expect(await page.getByRole('alert').innerText()).toContain('The meeting is cancelled');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-meeting-cancelled');
    const [{ status, cancel_reason }] = await t.dataSource.query(
      `SELECT status, cancel_reason FROM meetings WHERE id = $1`,
      [meeting.id],
    );
    expect({ status, cancel_reason }).toEqual({ status: 'CANCELLED', cancel_reason: 'Family moved out of the area' });
    await context.close();
  });

  it('books a meeting through the forms: type, details, error summary, check your answers; each page axe-clean', async () => {
    const coordinator = await anAccount(t, {
      email: 'bea@council.example',
      name: 'Bea Support',
      roles: ['COORDINATOR'],
    });
    const child = await aCase(t);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(coordinator.email);
    await page.getByLabel('Password').fill(coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/$/);
    await page.goto(`${base}/meetings`);
    await page.getByRole('button', { name: 'Book a meeting' }).click();
    await page.waitForURL(/\/meetings\/new$/);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-type');
    await page.getByLabel('Core group meeting').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/type=CORE_GROUP/);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-form');

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the case reference');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-form-errors');

    await page.getByLabel('Case reference').fill(child.reference);
    await page
      .getByLabel('Chair', { exact: true })
      .selectOption({ label: 'Sasha Worker (Northshire Children’s Services)' });
    await page.getByLabel('In person', { exact: true }).check();
    await page.getByLabel('Day').fill('9');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Start time of the meeting (UK time)').fill('14:00');
    await page.getByLabel('Venue').fill('Civic Centre, Room 2');
    await page.locator('#p0-person').selectOption({ label: 'Tom Teacher (Riverside Primary School)' });
    await page.locator('#p0-role').selectOption({ label: 'Education' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers before booking' }).waitFor();
    const answers = await page.locator('main').innerText();
    expect(answers).toContain('Wednesday 9 December 2026, 14:00 to 15:00 (UK time)');
    expect(answers).toContain('Tom Teacher, Education');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-book-check');
    await page.getByRole('button', { name: 'Book the meeting and send invitations' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Core group meeting');
    expect(await page.locator('main').innerText()).toContain('Civic Centre, Room 2');
    await context.close();
  });
});
