import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
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
import { startTestApp, TestApp } from './support/test-app';

/** A real identity provider's key endpoint, on loopback. */
async function jwksServer(): Promise<{
  url: string;
  sign(claims: Record<string, unknown>, sub?: string): Promise<string>;
  close(): Promise<void>;
}> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sign: (claims, sub = 'idp-user-1') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(url)
        .setAudience('quorum')
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('trust', () => {
  let t: TestApp;
  let dir: Directory;
  let idp: Awaited<ReturnType<typeof jwksServer>>;
  let meeting: MeetingBody;

  beforeAll(async () => {
    idp = await jwksServer();
    t = await startTestApp({
      OIDC_ISSUER: idp.url,
      OIDC_AUDIENCE: 'quorum',
      OIDC_JWKS_URL: `${idp.url}/jwks`,
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      LINK_RATE_LIMIT_PER_MINUTE: '5',
    });
    dir = await seedDirectory(t);
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-12-14T10:00:00Z', 60)],
        participants: [{ personId: dir.people.teacher.id, role: 'EDUCATION' }],
      }),
    );
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  describe('roles, per endpoint', () => {
    const refusals: [string, 'VIEWER' | 'SOCIAL_WORKER' | 'CHAIR', string, string, () => object][] = [
      ['a viewer may not book', 'VIEWER', 'post', '/api/meetings', () => ({})],
      ['a viewer may not create agencies', 'VIEWER', 'post', '/api/agencies', () => ({ name: 'X', kind: 'OTHER' })],
      ['a social worker may not book', 'SOCIAL_WORKER', 'post', '/api/meetings', () => ({})],
      ['a viewer may not cancel', 'VIEWER', 'post', '/api/meetings/{id}/cancel', () => ({ reason: 'x' })],
      ['a viewer may not upload', 'VIEWER', 'post', '/api/meetings/{id}/documents', () => ({})],
      ['a chair may not read the audit trail', 'CHAIR', 'get', '/api/audit?meetingId={id}', () => ({})],
    ];
    it.each(refusals)('%s', async (_name, role, method, path, body) => {
      const url = path.replace('{id}', meeting.id);
      const request = method === 'post' ? t.http.post(url).send(body()) : t.http.get(url);
      const response = await request.set(await t.auth(role)).expect(403);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    });

    /** Every staff route the OpenAPI document lists, with its path parameters filled from a real meeting. */
    async function staffRoutes(): Promise<{ method: string; url: string }[]> {
      const document = (await t.http.get('/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const ids: Record<string, string> = {
        id: meeting.id,
        sessionId: meeting.sessions[0].id,
        participantId: meeting.participants[0].id,
      };
      return Object.entries(document.paths)
        .filter(([path]) => path.startsWith('/api/'))
        .flatMap(([path, operations]) =>
          Object.keys(operations).map((method) => ({
            method,
            url: path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000'),
          })),
        );
    }

    it('refuses every /api route without a token, and every change by a viewer', async () => {
      const routes = await staffRoutes();
      expect(routes.length).toBeGreaterThan(30);
      const viewer = await t.auth('VIEWER');
      for (const { method, url } of routes) {
        const anonymous = await (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method](
          url,
        );
        expect([method, url, anonymous.status]).toEqual([method, url, 401]);
        if (method === 'get') continue;
        const viewing = await (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)
          [method](url)
          .set(viewer)
          .send({});
        expect([method, url, viewing.status]).toEqual([method, url, 403]);
      }
    });

    it('minutes are written by staff but never by a viewer', async () => {
      await t.http
        .put(`/api/meetings/${meeting.id}/minutes`)
        .set(await t.auth('VIEWER'))
        .send({ summary: 'x' })
        .expect(403);
    });
  });

  it('accepts a token from the configured identity provider, with roles from a nested claim', async () => {
    const token = await idp.sign({ realm_access: { roles: ['viewer'] }, name: 'Ida Provider' });
    await t.http.get('/api/agencies').set('Authorization', `Bearer ${token}`).expect(200);
    // Signed in, but with no part in the meeting: it does not exist for them.
    await t.http.get(`/api/meetings/${meeting.id}`).set('Authorization', `Bearer ${token}`).expect(404);
    const booking = await t.http
      .post('/api/agencies')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'X', kind: 'OTHER' });
    expect(booking.status).toBe(403);
    const noRoles = await idp.sign({ realm_access: { roles: ['gardener'] } });
    await t.http.get(`/api/meetings/${meeting.id}`).set('Authorization', `Bearer ${noRoles}`).expect(401);
  });

  it('binds an identity-provider account to the professional with its email only when the provider verified it', async () => {
    // The teacher is invited to the meeting: signed in as the teacher, they see it.
    const unverified = await idp.sign(
      { realm_access: { roles: ['viewer'] }, email: 'dsl@school.example', email_verified: false },
      'idp-teacher-unverified',
    );
    await t.http.get(`/api/meetings/${meeting.id}`).set('Authorization', `Bearer ${unverified}`).expect(404);
    const verified = await idp.sign(
      { realm_access: { roles: ['viewer'] }, email: 'dsl@school.example', email_verified: true },
      'idp-teacher',
    );
    await t.http.get(`/api/meetings/${meeting.id}`).set('Authorization', `Bearer ${verified}`).expect(200);
    const [bound] = await t.dataSource.query(`SELECT staff_subject FROM people WHERE id = $1`, [dir.people.teacher.id]);
    expect(bound.staff_subject).toBe(`${idp.url}#idp-teacher`);
    // The binding is by subject from now on: the same account is the same person whatever email it later carries.
    const renamed = await idp.sign(
      { realm_access: { roles: ['viewer'] }, email: 'new@school.example', email_verified: true },
      'idp-teacher',
    );
    await t.http.get(`/api/meetings/${meeting.id}`).set('Authorization', `Bearer ${renamed}`).expect(200);
  });

  it('sends security headers', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('rate-limits personal links, one budget per client across pages, feeds and replies', async () => {
    // Five a minute in this app: three guesses at pages, two at feeds, then every link route refuses.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await t.http.get(`/p/guess-${i}`)).status);
    for (let i = 0; i < 2; i += 1) statuses.push((await t.http.get(`/feeds/guess-${i}.ics`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    expect((await t.http.get('/p/guess-6')).status).toBe(429);
    expect((await t.http.get('/feeds/guess-7.ics')).status).toBe(429);
    expect((await t.http.post('/p/guess-8/rsvp').send({ rsvp: 'ACCEPTED' })).status).toBe(429);
  });

  it('refuses a change made against a stale ETag with 412', async () => {
    const read = await t.http
      .get(`/api/meetings/${meeting.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    const etag = read.headers.etag;
    expect(etag).toMatch(/^"\d+"$/);
    const teacher = participantOf(meeting, dir.people.teacher.id);
    const changed = await t.http
      .delete(`/api/meetings/${meeting.id}/participants/${teacher.id}`)
      .set(await t.auth('COORDINATOR'))
      .set('If-Match', etag)
      .expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    const stale = await t.http
      .post(`/api/meetings/${meeting.id}/participants`)
      .set(await t.auth('COORDINATOR'))
      .set('If-Match', etag)
      .send({ personId: dir.people.police.id, role: 'POLICE' })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
  });

  it('returns the first result for a retried booking with the same Idempotency-Key, creating nothing twice', async () => {
    const child = await aCase(t);
    const body = aBooking({
      type: 'CIN_REVIEW',
      caseIds: [child.id],
      chairId: dir.people.socialWorker.id,
      sessions: [aSession('2026-12-15T10:00:00Z', 60)],
    });
    const auth = await t.auth('COORDINATOR', { name: 'Business Support' });
    const first = await t.http
      .post('/api/meetings')
      .set(auth)
      .set('Idempotency-Key', 'booking-0001-abc')
      .send(body)
      .expect(201);
    const again = await t.http
      .post('/api/meetings')
      .set(auth)
      .set('Idempotency-Key', 'booking-0001-abc')
      .send(body)
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM meeting_cases WHERE case_id = $1`, [
      child.id,
    ]);
    expect(n).toBe(1);
    await t.http
      .post('/api/meetings')
      .set(auth)
      .set('Idempotency-Key', 'booking-0001-abc')
      .send({ ...body, format: 'IN_PERSON' })
      .expect(422);
  });

  it('keeps an audit trail per meeting and per person, without personal details', async () => {
    const byMeeting = await t.http
      .get(`/api/audit?meetingId=${meeting.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(byMeeting.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['meeting.booked', 'participant.removed']),
    );
    const byPerson = await t.http
      .get(`/api/audit?personId=${dir.people.teacher.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(byPerson.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['person.created', 'participant.removed']),
    );
    const text = JSON.stringify(byMeeting.body) + JSON.stringify(byPerson.body);
    for (const word of ['Tom Teacher', 'dsl@school.example', 'Testparent']) expect(text).not.toContain(word);
  });
});
