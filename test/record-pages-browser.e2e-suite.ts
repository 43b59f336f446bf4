import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, MeetingBody, post, seedDirectory } from './support/factories';
import { submitRecord } from './support/records';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser('the record form and approvals in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let review: MeetingBody;
  const iro = { email: '', password: '' };
  const approver = { email: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const dir = await seedDirectory(t);
    Object.assign(iro, await anAccount(t, { email: dir.people.iro.email!, roles: ['IRO'] }));
    Object.assign(approver, await anAccount(t, { email: 'iro2@council.example', name: 'Ida Second', roles: ['IRO'] }));
    const [{ id: approverId }] = await t.dataSource.query(`SELECT id FROM people WHERE email = $1`, [approver.email]);
    review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.iro.id,
        allowOverlap: true,
        sessions: [
          aSession('2026-11-26T10:00:00Z', 45, { label: 'With the professionals' }),
          aSession('2026-11-26T11:00:00Z', 45, { label: 'With the child and family' }),
        ],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: approverId, role: 'IRO' },
        ],
      }),
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

  it('shows the record form, and its error summary on a submit with parts missing, axe-clean', async () => {
    const page = await signIn(iro, `/meetings/${review.id}/record`);
    expect(await page.locator('h1').innerText()).toBe('Write the record');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-form');

    await page.locator('#session-0-method').check();
    await page.getByLabel('Summary of the meeting').fill('Settled in placement.');
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    expect(await page.title()).toBe('Error: Write the record – Quorum');
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('participation (PN0–PN7)');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-record-form-errors');
  });

  it('lists the submitted record for the second IRO, axe-clean', async () => {
    await submitRecord(
      t,
      review,
      'RECOMMENDATIONS',
      { childParticipation: 'PN1', familySummary: 'The plan stays the same.' },
      'IRO',
    );
    const page = await signIn(approver, '/approvals');
    expect(await page.locator('main').innerText()).toContain('Looked-after child review');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-approvals');
  });
});
