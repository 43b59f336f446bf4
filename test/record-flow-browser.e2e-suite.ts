import type { Browser, Page } from 'playwright-core';
import { DeliveryWorker, MAX_ATTEMPTS } from '../src/deliveries/delivery-worker';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { anAccount } from './support/sessions';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 21's whole journey, clicked through as people do: the IRO writes a two-part LAC review's record and submits
 * it, a second IRO approves it, the IRO previews the family's copy and sends it out, and the coordinator's task list
 * names the invitee with no email and the invitation the relay refused.
 */
describeInBrowser('the record from the form to the family, and the tasks it leaves, in a real browser', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  let browser: Browser;
  let base: string;
  let review: MeetingBody;
  const iro = { email: '', password: '' };
  const approver = { email: '', password: '' };
  const coordinator = { email: '', password: '' };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    smtp.refuseRecipient('dc.patel@police.example');
    // Retries a millisecond apart, so the refused invitation reaches FAILED in a few drains.
    t = await startTestApp({ SMTP_URL: smtp.url, DELIVERY_RETRY_BASE_MS: '1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    dir = await seedDirectory(t);
    Object.assign(iro, await anAccount(t, { email: dir.people.iro.email!, roles: ['IRO'] }));
    Object.assign(approver, await anAccount(t, { email: 'iro2@council.example', name: 'Ida Second', roles: ['IRO'] }));
    Object.assign(
      coordinator,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
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
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.noEmailGran.id, role: 'GRANDPARENT' },
        ],
      }),
    );
    const worker = t.get<DeliveryWorker>(DeliveryWorker);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await worker.drain();
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt + 5));
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  const signIn = async (account: { email: string; password: string }, path: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(5_000);
    await page.goto(`${base}${path}`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`${path}$`));
    return page;
  };
  const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
  const choose = (page: Page, name: string, value: string) =>
    page.locator(`[name="${name}"][value="${value}"]`).check();
  /** A choice, whether the form offers it as a list or as radios. */
  const pick = async (page: Page, name: string, value: string) => {
    const first = field(page, name).first();
    if ((await first.evaluate((e) => e.tagName)) === 'SELECT') await first.selectOption(value);
    else await choose(page, name, value);
  };
  const axeClean = async (page: Page, screenshot: string) => {
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, screenshot);
  };

  it('lets the IRO write both parts of the review through the form and submit it', async () => {
    const page = await signIn(iro, `/meetings/${review.id}/record`);
    const form = await page.locator('main').innerText();
    expect(form).toContain('How With the professionals was held');
    expect(form).toContain('How With the child and family was held');
    await axeClean(page, 'record-flow-1-form');

    await choose(page, 'session-0-method', 'IN_PERSON');
    await choose(page, 'session-1-method', 'VIDEO');
    await field(page, 'session-1-reason').fill('The child asked to join from school');
    const invitees = review.participants.filter((p) => !p.isChair);
    for (const [i] of invitees.entries()) {
      await pick(page, `attendance-${i}-status`, 'ATTENDED');
      await pick(page, `attendance-${i}-joinedBy`, i === 0 ? 'IN_PERSON' : 'VIDEO');
    }
    await field(page, 'summary').fill('Settled in placement; contact going well.');
    await choose(page, 'planConsidered', 'yes');
    await field(page, 'decision-0-text').fill('The care plan continues');
    await field(page, 'decision-0-rationale').fill('Her needs are met in placement');
    await choose(page, 'decision-0-share', 'yes');
    await field(page, 'action-0-description').fill('Arrange the school visit');
    await pick(page, 'action-0-owner', dir.people.socialWorker.id);
    await field(page, 'action-0-due-day').fill('18');
    await field(page, 'action-0-due-month').fill('12');
    await field(page, 'action-0-due-year').fill('2026');
    await field(page, 'action-0-need').fill('Education');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/record\?saved=1$/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The record is saved as a draft.');
    expect(await field(page, 'decision-0-text').inputValue()).toBe('The care plan continues');
    await saveScreenshot(page, 'record-flow-2-draft-saved');
    // Submitted before the child's part is written: the GOV.UK error summary names what is missing, the form keeps
    // what was typed.
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    expect(await page.title()).toBe('Error: Write the record – Quorum');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('participation (PN0–PN7)');
    expect(await field(page, 'decision-0-text').inputValue()).toBe('The care plan continues');
    await axeClean(page, 'record-flow-2-errors');

    await field(page, 'childViews-0-views').fill('Wants to stay with her carers');
    await choose(page, 'childViews-0-obtainedBy', 'SEEN_BY_CHAIR_BEFORE');
    await choose(page, 'childViews-0-obtainedBy', 'ADVOCATE');
    await field(page, 'familyViews-parents').fill('Agrees with the plan');
    await choose(page, 'familyViews-reportsShared', 'yes');
    await choose(page, 'advocacy-offered', 'yes');
    await choose(page, 'advocacy-used', 'yes');
    await field(page, 'familySummary').fill('The plan stays the same. The school visit is being arranged.');
    await choose(page, 'outcome-0-outcome', 'RECOMMENDATIONS');
    await choose(page, 'outcome-0-share', 'yes');
    await pick(page, 'pn-0', 'PN1');
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.waitForURL(/\/record\?submitted=1$/);
    const submitted = await page.locator('main').innerText();
    expect(submitted).toContain('The record is submitted for approval.');
    expect(submitted).toContain('Status: Waiting for approval');
    await saveScreenshot(page, 'record-flow-3-submitted'); // the form again, axe-checked above with and without errors

    await page.goto(`${base}/approvals`);
    expect(await page.locator('#none-waiting').innerText()).toBe('No records are waiting for you.');
  });

  it('lets a second IRO approve it from their approvals page', async () => {
    const page = await signIn(approver, '/approvals');
    const card = page.locator('.govuk-summary-card', { hasText: 'Looked-after child review' });
    expect(await card.innerText()).toContain('Written by');
    await axeClean(page, 'record-flow-4-approvals');

    await card.getByRole('button', { name: /^Approve/ }).click();
    await page.waitForURL(/\/approvals\?done=approved$/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'The record is approved. It can now be sent out.',
    );
    expect(await page.locator('#none-waiting').count()).toBe(1);
    await saveScreenshot(page, 'record-flow-5-approved'); // the approvals page again, axe-checked above
  });

  it('lets the IRO preview the family’s copy and send the record out', async () => {
    const page = await signIn(iro, '/approvals');
    const ready = page.locator('table.govuk-table tr', { hasText: 'Looked-after child review' });
    expect(await ready.getByRole('button', { name: /^Send out/ }).count()).toBe(1);
    await axeClean(page, 'record-flow-6-ready-to-send');

    await page.goto(`${base}/meetings/${review.id}/record/family-preview`);
    const preview = await page.locator('body').innerText();
    expect(preview).toContain('The plan stays the same. The school visit is being arranged.');
    expect(preview).not.toContain('Settled in placement; contact going well.');
    await axeClean(page, 'record-flow-7-family-preview');

    await page.goto(`${base}/approvals`);
    await page
      .locator('table.govuk-table tr', { hasText: 'Looked-after child review' })
      .getByRole('button', { name: /^Send out/ })
      .click();
    await page.waitForURL(/\/approvals\?done=distributed$/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'The record is sent to everyone allowed to receive it.',
    );
    expect(await page.locator('main').innerText()).toContain('No approved records are waiting to be sent.');
    await axeClean(page, 'record-flow-8-distributed');
    const [{ status }] = await t.dataSource.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [review.id]);
    expect(status).toBe('DISTRIBUTED');
  });

  it('shows the coordinator the invitee with no email and the refused invitation', async () => {
    const page = await signIn(coordinator, '/tasks');
    const tasks = await page.locator('main').innerText();
    const noEmail = tasks.split('People with no email address')[1]?.split('Invitations that failed')[0] ?? '';
    expect(noEmail).toContain('Gwen Testparent (Grandparent)');
    expect(noEmail).toContain('Phone them on +44 7700 900333');
    const failed = tasks.split('Invitations that failed or came back')[1]?.split('Reports not in')[0] ?? '';
    expect(failed).toContain('DC Sam Patel (Police)');
    // The relay's own answer is shown, then what to do.
    expect(failed).toMatch(/Failed \([^)]*550 5\.1\.1 No such user here\): check their email address/);
    expect(await page.locator(`main a[href="/meetings/${review.id}"]`).count()).toBeGreaterThan(0);
    await axeClean(page, 'record-flow-9-tasks');
  });
});
