import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeInBrowser, launchChromium, saveScreenshot } from './support/browser';
import { aCase, seedDirectory } from './support/factories';
import { anAccount } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser('people and cases pages in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const account = { email: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    await seedDirectory(t);
    await aCase(t, { reference: 'CR-2026-0142', cpPlanStartedOn: '2026-09-14' });
    Object.assign(account, await anAccount(t, { email: 'bs@council.example', name: 'Bea Support' }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function check(page: Page, name: string) {
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, name);
  }

  it('searches, adds and changes people and cases through plain forms, each page axe-clean', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/people`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/people$/);

    await page.getByLabel('Search by name').fill('testparent');
    await page.getByLabel('Search by name').press('Enter');
    await page.waitForURL(/\/people\?q=testparent$/);
    expect(await page.locator('main').innerText()).toContain('Amelia Testparent');
    await check(page, 'staff-people');

    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByRole('button', { name: 'Add the person' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the person’s full name');
    await check(page, 'staff-person-form-errors');
    await page.getByLabel('Full name').fill('Priya Nurse');
    await page.getByLabel('Agency (optional)').selectOption({ label: 'Northshire Community Health' });
    await page.getByLabel('Email address (optional)').fill('priya@health.example');
    await page.getByRole('button', { name: 'Add the person' }).click();
    expect(await page.locator('h1').innerText()).toBe('Priya Nurse');
    await check(page, 'staff-person');
    await page.getByRole('button', { name: 'Change the details' }).click();
    await check(page, 'staff-person-edit');
    await page.getByLabel('Telephone (optional)').fill('01632 960 001');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect(await page.locator('main').innerText()).toContain('01632 960 001');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cases' }).click();
    await page.waitForURL(/\/cases$/);
    expect(await page.locator('main').innerText()).toContain('CR-2026-0142');
    await check(page, 'staff-cases');
    await page.getByRole('link', { name: 'CR-2026-0142' }).click();
    expect(await page.locator('main').innerText()).toContain('14 September 2026');
    await check(page, 'staff-case');
    await page.getByRole('button', { name: 'Change the case' }).click();
    await page.locator('#cpPlanEndedOn-day').fill('1');
    await page.locator('#cpPlanEndedOn-month').fill('9');
    await page.locator('#cpPlanEndedOn-year').fill('2026');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('is before the plan started');
    await check(page, 'staff-case-edit-errors');

    await page.goto(`${base}/cases/new`);
    await page.getByLabel('Case reference').fill('CR-2026-0300');
    await page.locator('#dateOfBirth-day').fill('2');
    await page.locator('#dateOfBirth-month').fill('4');
    await page.locator('#dateOfBirth-year').fill('2019');
    await check(page, 'staff-case-form');
    await page.getByRole('button', { name: 'Add the case' }).click();
    expect(await page.locator('main').innerText()).toContain('2 April 2019');
  }, 180_000);
});
