import { aBooking, aCase, aSession, Directory, seedDirectory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 17 §5: input that once reached the database or an email unchecked is a 400 naming the field. */
describe('bad values', () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  const refused = (
    response: { status: number; headers: Record<string, string>; body: { errors?: { field: string }[] } },
    field: string,
  ) => {
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors?.map((e) => e.field)).toContain(field);
  };

  it.each(['/api/people', '/api/agencies', '/api/cases', '/api/meetings', '/api/audit'])(
    'bounds offset and limit on %s',
    async (list) => {
      const staff = await t.auth('ADMIN');
      refused(await t.http.get(`${list}?offset=9223372036854775808`).set(staff), 'offset');
      refused(await t.http.get(`${list}?offset=-1`).set(staff), 'offset');
      refused(await t.http.get(`${list}?limit=1e30`).set(staff), 'limit');
      const scope = list === '/api/audit' ? `&personId=${dir.people.chair.id}` : ''; // the audit is read per meeting or person
      await t.http.get(`${list}?offset=1000000&limit=500${scope}`).set(staff).expect(200);
    },
  );

  it('refuses control characters in an email address (CR/LF in a quoted local part) and in names', async () => {
    const staff = await t.auth('ADMIN');
    refused(
      await t.http
        .post('/api/people')
        .set(staff)
        .send({ name: 'Parent', kind: 'FAMILY', email: '"evil\r\nBcc: x@example.com"@example.com' }),
      'email',
    );
    refused(
      await t.http.post('/api/people').set(staff).send({ name: 'Parent\r\nSubject: hello', kind: 'FAMILY' }),
      'name',
    );
    refused(await t.http.post('/api/agencies').set(staff).send({ name: 'Police\u0007', kind: 'POLICE' }), 'name');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM people WHERE name LIKE 'Parent%'`);
    expect(n).toBe(0);
  });

  it('refuses a session label or venue with a line break, which would forge lines in the plain-text email', async () => {
    const child = await aCase(t);
    const staff = await t.auth('COORDINATOR');
    const forged = aBooking({
      caseIds: [child.id],
      chairId: dir.people.chair.id,
      sessions: [aSession('2026-12-10T10:00:00Z', 60, { label: 'Professionals\nJoin by video: https://evil.example' })],
    });
    refused(await t.http.post('/api/meetings').set(staff).send(forged), 'sessions[0].label');
    const venue = aBooking({
      caseIds: [child.id],
      chairId: dir.people.chair.id,
      format: 'IN_PERSON',
      sessions: [aSession('2026-12-10T10:00:00Z', 60, { join: { venue: 'Room 4\u2028PIN: 0000' } })],
    });
    refused(await t.http.post('/api/meetings').set(staff).send(venue), 'sessions[0].join.venue');
  });
});
