import { SignJWT } from 'jose';
import { loadConfig } from '../src/config/app-config';
import { StaffTokens } from '../src/auth/staff-tokens';
import { LinkTokens } from '../src/link-tokens/link-tokens';
import { aBooking, aCase, MeetingBody, participantOf, post, seedDirectory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const SECRET = 'test-secret-test-secret-test-secret!';

/** A token signed with the right key but shaped by hand: what `npm run token` never issues. */
async function handMade(claims: Record<string, unknown>, shape: (jwt: SignJWT) => SignJWT): Promise<string> {
  const jwt = new SignJWT({ roles: ['ADMIN'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('quorum')
    .setAudience('quorum-staff')
    .setSubject('7b0c6a52-6a5c-4c8e-9d0e-0a6b5e1f2c3d');
  return shape(jwt).sign(new TextEncoder().encode(SECRET));
}

describe('every member of staff is a person', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: SECRET });
  });
  afterAll(() => t.close());

  it('acts as the professional with the token’s email, and the audit trail names them as they were called then', async () => {
    const dir = await seedDirectory(t);
    const chair = await t.auth('CHAIR', { email: 'CHAIR@council.example', name: 'Ignored, the person exists' });
    const child = await aCase(t);
    const booked = await t.http
      .post('/api/meetings')
      .set(chair)
      .send(aBooking({ caseIds: [child.id], chairId: dir.people.chair.id }))
      .expect(201);
    const [booking] = await t.dataSource.query(`SELECT booked_by FROM meetings WHERE id = $1`, [booked.body.id]);
    expect(booking.booked_by).toBe(dir.people.chair.id);
    await t.dataSource.query(`UPDATE people SET name = 'Morgan Renamed' WHERE id = $1`, [dir.people.chair.id]);
    const trail = await t.http
      .get(`/api/audit?meetingId=${booked.body.id}`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'meeting.booked',
      actor: dir.people.chair.id,
      actorName: 'Morgan Chair',
    });
  });

  it('audits a participant acting through their personal link as that participant, with the request’s origin', async () => {
    const dir = await seedDirectory(t);
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        participants: [{ personId: dir.people.mother.id, role: 'PARENT' }],
      }),
    );
    const mother = participantOf(meeting, dir.people.mother.id);
    const [{ link_nonce: nonce }] = await t.dataSource.query(`SELECT link_nonce FROM participants WHERE id = $1`, [
      mother.id,
    ]);
    const token = t.get<LinkTokens>(LinkTokens).token('participant', mother.id, nonce);
    await t.http
      .post(`/p/${token}/rsvp`)
      .set('User-Agent', 'Test phone browser')
      .send({ response: 'ACCEPTED' })
      .expect(200);
    const [event] = await t.dataSource.query(
      `SELECT actor, origin FROM audit_events WHERE action = 'participant.responded' AND entity_id = $1`,
      [mother.id],
    );
    expect(event).toEqual({
      actor: `participant:${mother.id}`,
      origin: { ip: expect.stringMatching(/127\.0\.0\.1/), userAgent: 'Test phone browser' },
    });
    const [booking] = await t.dataSource.query(
      `SELECT origin FROM audit_events WHERE action = 'meeting.booked' AND entity_id = $1`,
      [meeting.id],
    );
    expect(booking.origin).toEqual({ ip: expect.stringMatching(/127\.0\.0\.1/), userAgent: null });
  });

  it('creates a person for a token without an email on first use, and the same person on every later use', async () => {
    const token = await t.auth('COORDINATOR', { name: 'Bea Support' });
    await t.http.post('/api/agencies').set(token).send({ name: 'A', kind: 'OTHER' }).expect(201);
    await t.http.post('/api/agencies').set(token).send({ name: 'B', kind: 'OTHER' }).expect(201);
    const people = await t.dataSource.query(`SELECT id, kind, staff_role FROM people WHERE name = 'Bea Support'`);
    expect(people).toEqual([expect.objectContaining({ kind: 'PROFESSIONAL', staff_role: 'COORDINATOR' })]);
    const actors = await t.dataSource.query(
      `SELECT DISTINCT actor, actor_name FROM audit_events WHERE action = 'agency.created' AND actor_name = 'Bea Support'`,
    );
    expect(actors).toEqual([{ actor: people[0].id, actor_name: 'Bea Support' }]);
  });

  it('refuses a token naming a family member', async () => {
    const family = await post<MeetingBody>(t, '/api/people', { name: 'A parent', kind: 'FAMILY' });
    await t.http
      .get('/api/agencies')
      .set(await t.auth('ADMIN', { id: family.id }))
      .expect(401);
  });

  it('refuses local tokens without an expiry, or living longer than 12 hours', async () => {
    const never = await handMade({}, (jwt) => jwt.setIssuedAt());
    await t.http.get('/api/agencies').set('Authorization', `Bearer ${never}`).expect(401);
    const week = await handMade({}, (jwt) => jwt.setIssuedAt().setExpirationTime('7d'));
    await t.http.get('/api/agencies').set('Authorization', `Bearer ${week}`).expect(401);
    const day = await handMade({}, (jwt) => jwt.setIssuedAt().setExpirationTime('11h'));
    await t.http.get('/api/agencies').set('Authorization', `Bearer ${day}`).expect(200);
    await expect(new StaffTokens(new TextEncoder().encode(SECRET)).issue({ roles: ['ADMIN'] }, '13h')).rejects.toThrow(
      /at most 12h/,
    );
  });

  it('refuses to start with an identity provider but no audience', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_AUDIENCE/);
  });
});
