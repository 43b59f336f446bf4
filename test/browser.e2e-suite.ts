import type { Browser } from 'playwright-core';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { FixedClock } from '../src/time/clock';
import {
  aBooking,
  aCase,
  aSession,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
} from './support/factories';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser('pages in a real browser', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    base = await t.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    dir = await seedDirectory(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await smtp.close();
  });

  it('shows the father his own session with its joining details, and takes his reply by a button', async () => {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [
          aSession('2026-12-03T10:00:00Z', 60, {
            label: 'Professionals and mother',
            join: { videoUrl: 'https://video.example/one', accessCode: '111111' },
          }),
          aSession('2026-12-03T13:00:00Z', 60, {
            label: 'Professionals and father',
            join: { dialInNumber: '+44 20 7946 0999', accessCode: '222222' },
          }),
        ],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.mother.id, role: 'PARENT', sessions: [0] },
          { personId: dir.people.father.id, role: 'PARENT', sessions: [1] },
        ],
      }),
    );
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]+/.exec(smtp.to(dir.people.father.email!)[0].parsed.text ?? '')![0];
    const page = await browser.newPage();
    await page.goto(`${base}${new URL(link).pathname}`);

    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Initial child protection conference');
    const body = await page.locator('main').innerText();
    expect(body).toContain('Thursday 3 December 2026, 13:00 (UK time)');
    expect(body).toContain('+44 20 7946 0999');
    expect(body).toContain('222222');
    expect(body).not.toContain('111111');
    expect(body).toContain('Police – Northshire Police'); // labels, never codes (issue 21)
    expect(body).not.toContain('Amelia');

    await page.getByRole('button', { name: 'I will attend' }).click();
    await page.waitForURL(/replied=1/);
    expect(await page.getByRole('status').innerText()).toContain('You said you will attend');
    expect(await page.getByRole('button', { name: 'I will attend' }).getAttribute('aria-pressed')).toBe('true');
    const after = await t.http
      .get(`/api/meetings/${meeting.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(participantOf(after.body, dir.people.father.id).rsvp).toBe('ACCEPTED');
    await page.close();
  });

  it('has an accessibility check that finds what it should (every page test relies on it)', async () => {
    const page = await browser.newPage();
    await page.setContent('<html><body><img src="x.png"><form><input type="text"></form></body></html>');
    const rules = (await axeViolations(page)).map((line) => line.split(':')[0]);
    expect(rules).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
    await page.close();
  });

  it('renders the reports page with its table and charts', async () => {
    const child = await aCase(t);
    await post(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-10T10:00:00Z')],
      }),
    );
    await post(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        format: 'IN_PERSON',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-11-12T10:00:00Z', 60, { join: { venue: 'Civic Centre' } })],
      }),
    );
    const page = await browser.newPage();
    // A staff page: signed in (a bearer token today).
    await page.setExtraHTTPHeaders(await t.auth('VIEWER'));
    await page.goto(`${base}/reports?from=2026-11-01&to=2026-11-30`);
    expect(await page.locator('h1').innerText()).toBe('Meetings 2026-11-01 to 2026-11-30');
    const rcpc = await page
      .locator('tr', { has: page.locator('th', { hasText: /^Review child protection conference$/ }) })
      .innerText();
    expect(rcpc).toMatch(/^Review child protection conference\s+1\s+0\s+0 \(0%\)\s+1 \(100%\)/);
    expect(await page.locator('svg[aria-labelledby="format-chart"] rect').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('svg[aria-labelledby="month-chart"] rect').count()).toBe(1);
    // The charts are drawn, not only present: in the browser's own geometry the format chart is laid out at its
    // width and some of its bars have a width.
    const chart = await page.locator('svg[aria-labelledby="format-chart"]').boundingBox();
    expect(chart?.width).toBe(460);
    const widths = await page
      .locator('svg[aria-labelledby="format-chart"] rect')
      .evaluateAll((bars) => bars.map((bar) => (bar as unknown as { getBBox(): { width: number } }).getBBox().width));
    expect(widths.filter((w) => w > 0).length).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, 'reports');
    await page.close();
  });
});
