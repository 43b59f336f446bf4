import type { Browser } from 'playwright-core';
import { FixedClock } from '../src/time/clock';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, MeetingBody, post, seedDirectory } from './support/factories';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser("the coordinator's lists in a real browser", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  // Booked on Thursday 1 October 2026, looked at on Monday 23 November: a conference held, its core group overdue.
  const clock = new FixedClock(new Date('2026-10-01T08:00:00Z'));
  const account = { email: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const dir = await seedDirectory(t);
    const book = async (startsAt: string) =>
      post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          caseIds: [(await aCase(t)).id],
          chairId: dir.people.chair.id,
          allowOverlap: true,
          sessions: [aSession(startsAt, 60)],
          participants: [
            { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
            { personId: dir.people.noEmailGran.id, role: 'GRANDPARENT' },
          ],
        }),
      );
    await book('2026-10-02T09:00:00Z');
    const soon = await book('2026-11-24T14:00:00Z');
    clock.set(new Date('2026-11-23T09:00:00Z'));
    await t.dataSource.query(`UPDATE deliveries SET status = 'FAILED' WHERE meeting_id = $1 AND participant_id = $2`, [
      soon.id,
      soon.participants.find((p) => p.personId === dir.people.police.id)!.id,
    ]);
    Object.assign(
      account,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('shows tasks, what falls due and the meetings report from the navigation, each page axe-clean', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/tasks`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/tasks$/);
    const tasks = await page.locator('main').innerText();
    expect(tasks).toContain('Gwen Testparent (Grandparent)');
    expect(tasks).toContain('Failed: check their email address');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-tasks');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'What falls due' }).click();
    await page.waitForURL(/\/due$/);
    expect(await page.locator('main').innerText()).toContain('Core group meeting not booked');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-due');
    await page.getByRole('link', { name: 'Book the core group meeting' }).click();
    expect(await page.locator('h1').innerText()).toBe('Book a core group meeting');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/reports\/committee$/);
    expect(await page.locator('main').innerText()).toContain('Initial child protection conference');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-meetings-report');

    await page.locator('#from-day').fill('31');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2026');
    await page.getByRole('button', { name: 'Show the report' }).click();
    expect(await page.title()).toBe('Error: Meetings report – Quorum');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-meetings-report-error');
  });
});
