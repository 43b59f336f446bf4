import type { Browser } from 'playwright-core';
import { PLAIN_ENGLISH } from '../src/meeting-types/plain-english';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aBooking, aCase, aSession, MeetingBody, participantOf, post, seedDirectory } from './support/factories';
import { personalPathOf } from './support/links';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser("the family's page on a small phone screen (issue 21)", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let path: string;

  beforeAll(async () => {
    // Texts on (written to DATA_DIR/sms): the mother has an email and a phone, so her page offers "Send me texts".
    t = await startTestApp({ SMS_ENABLED: 'true' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const dir = await seedDirectory(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [(await aCase(t, { kind: 'CHILD' })).id],
        chairId: dir.people.iro.id,
        sessions: [
          aSession('2026-12-03T10:00:00Z', 60, {
            label: 'With the carers',
            join: {
              videoUrl: 'https://video.example/a-rather-long-meeting-link-that-must-wrap-on-a-phone/0123456789',
              dialInNumber: '+44 20 7946 0333',
              accessCode: '771204',
            },
          }),
        ],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.teacher.id, role: 'SCHOOL', reportRequired: true },
          { personId: dir.people.mother.id, role: 'PARENT', accessNeeds: { phoneOnly: true } },
        ],
      }),
    );
    path = await personalPathOf(t, participantOf(meeting, dir.people.mother.id).id);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  /**
   * The page and the help form at 360×640, as a phone shows them. With JavaScript on, axe checks each page (axe
   * itself runs as the page's script); with it off, the same steps show that nothing needs it.
   */
  async function throughThePages(javaScriptEnabled: boolean, language: string) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled });
    const page = await context.newPage();
    const check = async (screenshot: string) => {
      // Nothing wider than the screen: no sideways scrolling on a phone.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      if (!javaScriptEnabled) return;
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, screenshot);
    };
    await page.goto(`${base}${path}`);
    expect(await page.locator('h1').innerText()).toBe('Looked-after child review');
    const main = await page.locator('main').innerText();
    expect(main).toContain(PLAIN_ENGLISH.LAC_REVIEW.whatHappens[0]);
    expect(main).toContain('School – Riverside Primary School');
    expect(main).not.toMatch(/\bSCHOOL\b|\bSOCIAL_WORKER\b/);
    await check('family-page-360');

    await page.getByRole('link', { name: 'Tell us what help you need' }).click();
    await page.waitForURL(/\/help$/);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/help$/);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Tell us what would help');
    await check('family-page-help-error-360');

    await page.getByLabel('An interpreter').fill(language);
    await page.getByLabel('I would like to take part by phone').check();
    await page.getByLabel('Anything else that would help').fill('A quiet room, please');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/help\/sent$/);
    expect(await page.locator('h1').innerText()).toContain('We have your request for help');
    expect(await page.locator('main').innerText()).toContain(`an interpreter (${language})`);
    await check('family-page-help-sent-360');

    await page.getByRole('link', { name: 'Back to your meeting' }).click();
    await page.waitForURL((url) => url.pathname === path);
    expect(await page.locator('main').innerText()).toContain(`an interpreter (${language})`);

    // "Send me texts", and back off: a form's button each way.
    await page.getByRole('button', { name: 'Send me texts' }).click();
    await page.waitForURL(/\?texts=on/);
    expect(await page.getByRole('alert').innerText()).toContain('We will send you texts about your meetings.');
    await check('family-page-texts-360');
    await page.getByRole('button', { name: 'Stop sending me texts' }).click();
    await page.waitForURL(/\?texts=off/);
    expect(await page.getByRole('alert').innerText()).toContain('We will not send you texts any more.');
    await context.close();
  }

  it('fits a 360×640 screen and is axe-clean, the page, the help form, its errors and its confirmation, and texts chosen', async () => {
    await throughThePages(true, 'British Sign Language');
  });

  it('takes a request for help, and texts chosen and stopped, with JavaScript turned off', async () => {
    await throughThePages(false, 'Polish');
  });
});
