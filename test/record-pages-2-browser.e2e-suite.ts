import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { submitRecord } from './support/records';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser('the record form’s issue 22 sections and amendments in a real browser', () => {
  let t: TestApp;
  let dir: Directory;
  let browser: Browser;
  let base: string;
  let icpc: MeetingBody;
  let marac: MeetingBody;
  let review: MeetingBody;
  const chair = { email: '', password: '' };
  const iro = { email: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    dir = await seedDirectory(t);
    Object.assign(chair, await anAccount(t, { email: dir.people.chair.email!, roles: ['CHAIR'] }));
    Object.assign(iro, await anAccount(t, { email: dir.people.iro.email!, roles: ['IRO'] }));
    const book = async (type: string, chairId: string, caseIds: string[], participants: unknown[], at: string) =>
      post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({ type, caseIds, chairId, allowOverlap: true, sessions: [aSession(at, 90)], participants }),
      );
    icpc = await book(
      'ICPC',
      dir.people.chair.id,
      [(await aCase(t)).id],
      [
        { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
        { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
        { personId: dir.people.mother.id, role: 'PARENT' },
      ],
      '2026-11-26T10:00:00Z',
    );
    marac = await book(
      'MARAC',
      dir.people.chair.id,
      [(await aCase(t, { kind: 'ADULT_VICTIM' })).id, (await aCase(t, { kind: 'ADULT_VICTIM' })).id],
      [{ personId: dir.people.idva.id, role: 'IDVA' }],
      '2026-11-27T13:00:00Z',
    );
    review = await book(
      'LAC_REVIEW',
      dir.people.iro.id,
      [(await aCase(t)).id],
      [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      '2026-11-26T15:00:00Z',
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signIn = async (account: { email: string; password: string }, path: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}${path}`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`${path}$`));
    return page;
  };

  it('shows an ICPC its plan, dissent and reports received, and links each error to its field, axe-clean', async () => {
    const page = await signIn(chair, `/meetings/${icpc.id}/record`);
    for (const heading of ['Reports received', 'Dissent by agency', 'The child protection plan'])
      expect(await page.locator('h2', { hasText: heading }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-form-icpc');

    await page.locator('#outcome-0-outcome').check();
    await page.getByLabel('Lead practitioner').selectOption({ label: 'Sasha Worker' });
    await page.locator('#plan-review-day').fill('31');
    await page.locator('#plan-review-month').fill('2');
    await page.locator('#plan-review-year').fill('2027');
    await page.locator('#dissent-0-agency').selectOption({ label: 'Northshire Police' });
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    const summary = page.locator('.govuk-error-summary');
    const core = summary.getByRole('link', { name: /Select the members of the core group/ });
    expect(await core.getAttribute('href')).toBe('#plan-coreGroup');
    expect(await page.locator('#plan-coreGroup-error').count()).toBe(1);
    for (const text of ['Enter the date set for the first core group', 'Enter the date set for the review conference'])
      expect(await summary.innerText()).toContain(text);
    expect(await summary.innerText()).toContain('Enter what the agency disagrees with (row 1)');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-form-icpc-errors');
  });

  it("shows a MARAC each victim's referral and each action's case, axe-clean", async () => {
    const page = await signIn(chair, `/meetings/${marac.id}/record`);
    expect(await page.locator('h2', { hasText: 'Referrals' }).count()).toBe(1);
    expect(await page.locator('#action-0-case').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-form-marac');
  });

  it("shows a LAC review's consultation and dispute resolution, axe-clean", async () => {
    const page = await signIn(iro, `/meetings/${review.id}/record`);
    expect(await page.locator('h2', { hasText: 'Consultation and dispute resolution' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-form-lac-consultation');
  });

  it('offers an approved record’s amendment with its reason, axe-clean', async () => {
    await submitRecord(t, icpc, 'NO_CP_PLAN', { familySummary: 'No plan is made.' });
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/approve`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    const page = await signIn(chair, `/meetings/${icpc.id}/record/amend`);
    expect(await page.locator('h1').innerText()).toBe('Amend the record');
    await page.getByRole('button', { name: 'Send the amendment for approval' }).click();
    const link = page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter why the record is amended' });
    expect(await link.getAttribute('href')).toBe('#reason');
    expect(await page.locator('#reason-error').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-amend');
  });
});
