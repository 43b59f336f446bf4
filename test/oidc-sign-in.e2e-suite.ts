import * as http from 'node:http';
import { PassThrough } from 'node:stream';
import { AccountsService } from '../src/accounts/accounts.service';
import { freePort } from '../src/database/embedded-postgres';
import { axeViolations, hasChromium, launchChromium, saveScreenshot } from './support/browser';
import { CookieBrowser, startProvider, TestProvider } from './support/oidc-provider';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Sign-in through a real OpenID Provider (`oidc-provider`) on loopback: the authorization-code flow with PKCE, from
 * Quorum's `/` to the provider's form and back, as a browser does it (redirects followed, each site's cookies kept).
 */
describe('sign-in through an identity provider', () => {
  let t: TestApp;
  let provider: TestProvider;
  let server: http.Server;
  let appUrl: string;
  let samId: string;
  const printed: string[] = [];

  beforeAll(async () => {
    // Quorum's address must be known before the provider (its redirect URI) and the provider's before Quorum (the
    // issuer): a free port is chosen first, and the app, once started, is served there too.
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    provider = await startProvider({
      client: { id: 'quorum', secret: 'a client secret for the test', redirectUri: `${appUrl}/sign-in/callback` },
      users: {
        sam: {
          name: 'Sam at the provider',
          email: 'sam.okafor@council.example',
          email_verified: true,
          roles: ['Coordinator'],
        },
        ana: { name: 'Ana Chair', email: 'ana.chair@council.example', email_verified: true, roles: 'chair viewer' },
        pat: { name: 'Pat Finance', email: 'pat@council.example', email_verified: true, roles: ['finance', 'payroll'] },
      },
    });
    const notices = new PassThrough();
    notices.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
    t = await startTestApp(
      {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'quorum',
        OIDC_CLIENT_SECRET: 'a client secret for the test',
        PUBLIC_URL: appUrl,
      },
      { notices },
    );
    server = http.createServer(t.app.getHttpAdapter().getInstance() as http.RequestListener);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const sam = await t.http
      .post('/api/people')
      .set(await t.auth('COORDINATOR'))
      .send({ name: 'Sam Okafor', email: 'sam.okafor@council.example', kind: 'PROFESSIONAL' })
      .expect(201);
    samId = sam.body.id;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    await provider?.close();
  });

  /** From Quorum's home page to the provider's form: the address of that form. */
  async function toProvider(browser: CookieBrowser): Promise<string> {
    const form = await browser.get(`${appUrl}/`);
    expect(form.status).toBe(200);
    expect(form.url.startsWith(`${provider.issuer}/interaction/`)).toBe(true);
    return form.url;
  }

  it('signs in as the directory person with that email, lands on "Your meetings", and is audited', async () => {
    const browser = new CookieBrowser();
    const loginForm = await toProvider(browser);
    const landed = await browser.post(loginForm, { login: 'sam' });
    expect(landed.url).toBe(`${appUrl}/`);
    expect(landed.status).toBe(200);
    expect(landed.body).toContain('<h1 class="govuk-heading-l">Your meetings</h1>');
    expect(landed.body).toContain('Signed in as <strong>Sam Okafor</strong>');
    expect(browser.cookie(appUrl, 'quorum_oidc')).toBeUndefined();

    // The session is the one local sign-in makes: in PostgreSQL, for the person's account, with the provider's roles.
    const [account] = await t.dataSource.query(
      `SELECT a.id, a.roles, a.password_hash, (SELECT count(*)::int FROM staff_sessions s WHERE s.account_id = a.id) AS sessions
         FROM staff_accounts a WHERE a.person_id = $1`,
      [samId],
    );
    expect(account).toMatchObject({ roles: ['COORDINATOR'], password_hash: null, sessions: 1 });
    const [audit] = await t.dataSource.query(
      `SELECT actor, person_id, changes FROM audit_events WHERE action = 'account.signed-in' AND entity_id = $1`,
      [account.id],
    );
    expect(audit).toMatchObject({ actor: samId, person_id: samId });

    // The session works for the API as well: a coordinator's list.
    const people = await browser.get(`${appUrl}/api/people?kind=PROFESSIONAL`);
    expect(people.status).toBe(200);
  });

  // As in the other browser tests: where no chromium is installed (and not under CI) this one is skipped.
  (hasChromium || process.env.CI === 'true' ? it : it.skip)(
    'signs in with chromium through the provider’s page and lands on an axe-clean "Your meetings"',
    async () => {
      const chromium = await launchChromium();
      try {
        const page = await (await chromium.newContext()).newPage();
        await page.goto(`${appUrl}/meetings`);
        await page.getByLabel('Who are you?').fill('ana');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${appUrl}/meetings`);
        expect(await page.locator('h1').innerText()).toBe('Meetings');
        await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your meetings' }).click();
        await page.waitForURL(`${appUrl}/`);
        expect(await page.locator('main').innerText()).toContain('Your meetings');
        expect(await page.locator('body').innerText()).toContain('Signed in as Ana Chair');
        expect(await axeViolations(page)).toEqual([]);
        await saveScreenshot(page, 'staff-signed-in-through-provider');
      } finally {
        await chromium.close();
      }
    },
    120_000,
  );

  it('refuses a person whose roles claim holds no Quorum role, with no session', async () => {
    const browser = new CookieBrowser();
    const refused = await browser.post(await toProvider(browser), { login: 'pat' });
    expect(refused.url.startsWith(`${appUrl}/sign-in/callback`)).toBe(true);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('You do not have access to Quorum');
    expect(browser.cookie(appUrl, 'quorum_session')).toBeUndefined();
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM staff_accounts a JOIN people p ON p.id = a.person_id WHERE p.email = 'pat@council.example'`,
    );
    expect(n).toBe(0);
    const [failure] = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE action = 'account.sign-in-failed' ORDER BY at DESC LIMIT 1`,
    );
    expect(failure.changes).toMatchObject({ reason: 'no-role' });
    // Still signed out: the home page sends the browser back through the provider (who remembers Pat) to a refusal.
    const again = await browser.get(`${appUrl}/`);
    expect(again.url.startsWith(`${appUrl}/sign-in/callback`)).toBe(true);
    expect(again.status).toBe(403);
  });

  it('refuses a callback whose state is not the one this browser was given', async () => {
    const browser = new CookieBrowser();
    const back = await browser.post(await toProvider(browser), { login: 'sam' }, `${appUrl}/sign-in/callback`);
    const tampered = new URL(back.url);
    expect(tampered.searchParams.get('code')).toBeTruthy();
    tampered.searchParams.set('state', 'a-state-from-somewhere-else');
    const refused = await browser.get(tampered.href);
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('Sign-in did not work');
    expect(browser.cookie(appUrl, 'quorum_session')).toBeUndefined();
    // The pending sign-in is spent: the untampered answer, now, is refused too.
    expect((await browser.get(back.url)).status).toBe(401);
  });

  it('refuses a person whose account an administrator disabled (npm run user -- disable), ending their sessions', async () => {
    const before = new CookieBrowser();
    await before.post(await toProvider(before), { login: 'sam' });
    expect((await before.get(`${appUrl}/people`)).status).toBe(200);
    await t.get<AccountsService>(AccountsService).disable('sam.okafor@council.example');
    // Its session has ended: back through the provider (who still knows Sam) to the refusal.
    const after = await before.get(`${appUrl}/people`);
    expect(after.status).toBe(403);
    expect(after.body).toContain('Your account is disabled');
    const browser = new CookieBrowser();
    const refused = await browser.post(await toProvider(browser), { login: 'sam' });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Your account is disabled');
    expect(browser.cookie(appUrl, 'quorum_session')).toBeUndefined();
  });

  it('refuses a callback with no sign-in started in this browser', async () => {
    const refused = await new CookieBrowser().get(`${appUrl}/sign-in/callback?code=abc&state=xyz`);
    expect(refused.status).toBe(401);
  });

  it('asks for no password while an identity provider is set, and prints no first-administrator link', async () => {
    expect(printed.join('')).not.toContain('account-link');
    const page = await t.http.get('/sign-in').expect(303);
    expect(page.headers.location).toBe('/sign-in/provider?next=%2F');
    const signedOut = await t.http.get('/sign-in?signed-out=1').expect(200);
    expect(signedOut.text).not.toContain('type="password"');
    expect(signedOut.text).toContain('href="/sign-in/provider"');
  });
});

describe('sign-in while the identity provider is down', () => {
  it('says sign-in is not available, rather than an error', async () => {
    const port = await freePort();
    const t = await startTestApp({
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: 'quorum',
      OIDC_CLIENT_SECRET: 'a client secret for the test',
    });
    try {
      const page = await t.http.get('/sign-in/provider').expect(503);
      expect(page.text).toContain('Sign-in is not available');
    } finally {
      await t.close();
    }
  });
});
