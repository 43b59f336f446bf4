import { PassThrough } from 'node:stream';
import request from 'supertest';
import { FixedClock } from '../src/time/clock';
import { anAccount, csrfOf, PASSWORD, signedIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('sign-in without an identity provider', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  const printed: string[] = [];

  beforeAll(async () => {
    const notices = new PassThrough();
    notices.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
    t = await startTestApp({ PUBLIC_URL: 'http://quorum.test' }, { clock, notices });
  });
  afterAll(() => t.close());

  const auditActions = async (entityId: string) =>
    (
      await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity = 'account' AND entity_id = $1 ORDER BY at, id`,
        [entityId],
      )
    ).map((r) => r.action);

  it('prints once a one-time link that creates the first administrator, and no default password', async () => {
    expect(printed.join('')).toMatch(
      /Create the first administrator within 24 hours at:\n {2}http:\/\/quorum\.test\/account-link\/[A-Za-z0-9_-]{43}\n/,
    );
    const link = /\/account-link\/[A-Za-z0-9_-]+/.exec(printed.join(''))![0];
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get(link).expect(200);
    expect(form.text).toContain('Create the first administrator');
    const tooShort = await agent
      .post(link)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        name: 'Ada Admin',
        email: 'ada@council.example',
        password: 'short',
        confirmation: 'short',
      })
      .expect(422);
    expect(tooShort.text).toContain('There is a problem');
    expect(tooShort.text).toContain('Enter a password of at least 12 characters');
    await agent
      .post(link)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        name: 'Ada Admin',
        email: 'ada@council.example',
        password: PASSWORD,
        confirmation: PASSWORD,
      })
      .expect(303)
      .expect('Location', '/sign-in?account=ready');
    // The link is spent: it creates nobody else.
    await agent.get(link).expect(404);
    const [admin] = await t.dataSource.query(
      `SELECT a.roles, p.kind, p.name FROM staff_accounts a JOIN people p ON p.id = a.person_id WHERE a.username = 'ada@council.example'`,
    );
    expect(admin).toEqual({ roles: ['ADMIN'], kind: 'PROFESSIONAL', name: 'Ada Admin' });
  });

  it('signs in through the form with an HttpOnly, SameSite=Lax session cookie, audited, and the staff API accepts it', async () => {
    const account = await anAccount(t, { email: 'cora@council.example', roles: ['COORDINATOR'] });
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/sign-in').expect(200);
    const signIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: account.email, password: account.password, next: '/meetings' })
      .expect(303);
    expect(signIn.headers.location).toBe('/meetings');
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('quorum_session='))!;
    expect(cookie).toMatch(/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toContain('Secure');
    await agent.get('/api/meeting-types').expect(200);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM staff_accounts WHERE username = $1`, [account.email]);
    expect(await auditActions(id)).toContain('account.signed-in');
  });

  it('refuses a sign-in form without its token, and a change made with the cookie but without the CSRF token', async () => {
    const account = await anAccount(t, { email: 'csrf@council.example' });
    const stranger = request.agent(t.app.getHttpServer());
    await stranger.get('/sign-in');
    await stranger.post('/sign-in').type('form').send({ email: account.email, password: account.password }).expect(403);
    const agent = await signedIn(t, account);
    await agent.post('/sign-out').type('form').send({}).expect(403);
    await agent.post('/api/cases').send({ reference: 'CSRF-1', kind: 'CHILD' }).expect(403);
    await agent.get('/api/meeting-types').expect(200);
    const home = await agent.get('/meetings').expect(200);
    await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf(home.text) })
      .expect(303)
      .expect('Location', '/sign-in?signed-out=1');
    await agent.get('/api/meeting-types').expect(401);
  });

  it('says a wrong password in the same words as an unknown account, and locks the account after five in a row', async () => {
    const account = await anAccount(t, { email: 'lock@council.example' });
    const agent = request.agent(t.app.getHttpServer());
    const token = csrfOf((await agent.get('/sign-in')).text);
    const attempt = (email: string, password: string) =>
      agent.post('/sign-in').type('form').send({ _csrf: token, email, password });
    const unknown = await attempt('nobody@council.example', 'whatever it is').expect(401);
    expect(unknown.text).toContain('Enter a correct email address and password');
    for (let i = 0; i < 4; i++)
      expect((await attempt(account.email, 'not the password').expect(401)).text).toContain(
        'Enter a correct email address and password',
      );
    expect((await attempt(account.email, 'not the password').expect(401)).text).toContain(
      'Enter a correct email address and password',
    );
    // Locked now: even the right password is refused, for 15 minutes.
    expect((await attempt(account.email, account.password).expect(401)).text).toContain(
      'This account is locked for 15 minutes',
    );
    clock.advance(16 * MINUTE);
    await attempt(account.email, account.password).expect(303);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM staff_accounts WHERE username = $1`, [account.email]);
    const actions = await auditActions(id);
    expect(actions.filter((a) => a === 'account.sign-in-failed')).toHaveLength(5);
    expect(actions).toContain('account.sign-in-locked');
    expect(actions[actions.length - 1]).toBe('account.signed-in');
  });

  it('ends a session after 30 minutes idle, and 12 hours after sign-in however busy', async () => {
    const agent = await signedIn(t, await anAccount(t, { email: 'idle@council.example' }));
    clock.advance(29 * MINUTE);
    await agent.get('/api/meeting-types').expect(200);
    clock.advance(29 * MINUTE);
    await agent.get('/api/meeting-types').expect(200);
    clock.advance(31 * MINUTE);
    await agent.get('/api/meeting-types').expect(401);
    await agent.get('/meetings').expect(303).expect('Location', '/sign-in?next=%2Fmeetings');
    await agent
      .post('/meetings/00000000-0000-4000-8000-000000000001/cancel')
      .type('form')
      .send({ reason: 'x' })
      .expect(303)
      .expect('Location', '/sign-in?next=%2Fmeetings%2F00000000-0000-4000-8000-000000000001');

    const busy = await signedIn(t, await anAccount(t, { email: 'busy@council.example' }));
    for (let hour = 0; hour < 12 * 4 - 1; hour++) {
      clock.advance(15 * MINUTE);
      await busy.get('/api/meeting-types').expect(200);
    }
    clock.advance(15 * MINUTE);
    await busy.get('/api/meeting-types').expect(401);
  });

  it('never sends a person to another site after sign-in', async () => {
    const account = await anAccount(t, { email: 'next@council.example' });
    const agent = request.agent(t.app.getHttpServer());
    const token = csrfOf((await agent.get('/sign-in')).text);
    const signIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: token, email: account.email, password: account.password, next: '//evil.example/' })
      .expect(303);
    expect(signIn.headers.location).toBe('/');
  });
});

describe('sign-in over https', () => {
  it('marks the session cookie Secure', async () => {
    const t = await startTestApp({ PUBLIC_URL: 'https://quorum.council.example' });
    try {
      const agent = await signedIn(t, await anAccount(t, { email: 'secure@council.example' })).catch(() => null);
      expect(agent).toBeNull(); // supertest speaks http: a Secure cookie is not sent back, so no signed-in request follows
      const page = await request(t.app.getHttpServer()).get('/sign-in').expect(200);
      const cookies = page.headers['set-cookie'] as unknown as string[];
      const token = csrfOf(page.text);
      const signIn = await request(t.app.getHttpServer())
        .post('/sign-in')
        .set('Cookie', cookies[0].split(';')[0])
        .type('form')
        .send({ _csrf: token, email: 'secure@council.example', password: PASSWORD })
        .expect(303);
      expect(
        (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('quorum_session=')),
      ).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await t.close();
    }
  });
});
