import type { Browser } from 'playwright-core';
import { FixedClock } from '../src/time/clock';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser('changing a meeting in a real browser (each page axe-clean)', () => {
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
            join: { videoUrl: 'https://video.example/one' },
          }),
          aSession('2026-11-26T13:00:00Z', 60, {
            label: 'Professionals only',
            join: { videoUrl: 'https://video.example/two' },
          }),
        ],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.mother.id, role: 'PARENT', sessions: [0] },
        ],
      }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('changes a part, adds, removes and excludes someone, each page and its error summary axe-clean', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(`/meetings/${meeting.id}`)}`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/meetings/${meeting.id}$`));
    const check = async (name: string) => {
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, name);
    };

    // Change the second part's time.
    await page.getByRole('link', { name: 'Change the time or joining details of Professionals only' }).click();
    await check('staff-session-change');
    await page.getByLabel('End time (UK time)').fill('12:00');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'The end time must be after the start time',
    );
    await check('staff-session-change-error');
    await page.getByLabel('End time (UK time)').fill('14:30');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Are you sure you want to change this part?' }).waitFor();
    await check('staff-session-change-confirm');
    await page.getByRole('button', { name: 'Yes, change it and tell everyone' }).click();
    await page.waitForURL(/changed=session$/);
    expect(await page.locator('main').innerText()).toContain('Thursday 26 November 2026, 13:00 to 14:30 (UK time)');

    // Add someone, found by name, to the first part only.
    await page.getByRole('button', { name: 'Add someone' }).click();
    await page.getByLabel('Search for a person by name').fill('hana');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Search for the person and choose them');
    await check('staff-participant-add-error');
    await page.getByLabel('Hana Visitor').check();
    await page.getByLabel('Attends as').selectOption({ label: 'Health visitor' });
    await page.getByLabel(/^Professionals and mother/).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Are you sure you want to add this person?' }).waitFor();
    await check('staff-participant-add-confirm');
    await page.getByRole('button', { name: 'Yes, add and invite them' }).click();
    await page.waitForURL(/changed=participant-added$/);
    expect(await page.locator('main').innerText()).toContain('Exclude from a part');

    // Exclude the police officer from the second part, with a reason.
    await page.getByRole('link', { name: /Exclude from a part.*DC Sam Patel/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await check('staff-exclude-error');
    await page.getByLabel(/^Professionals only/).check();
    await page.getByLabel('Why are they excluded?').fill('Discussion of third-party information');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Are you sure you want to exclude DC Sam Patel?' }).waitFor();
    await check('staff-exclude-confirm');
    await page.getByRole('button', { name: 'Yes, exclude them' }).click();
    await page.waitForURL(/changed=participant-excluded$/);

    // Remove the mother.
    await page.getByRole('link', { name: 'Remove Amelia Testparent' }).click();
    await check('staff-participant-remove');
    await page.getByRole('button', { name: 'Yes, remove them' }).click();
    await page.waitForURL(/changed=participant-removed$/);
    const body = await page.locator('main').innerText();
    expect(body).toContain('A family member removed');
    expect(body).toContain('DC Sam Patel excluded from a part');
    await check('staff-meeting-timeline');
    await context.close();
  });
});
