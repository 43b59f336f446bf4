import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, MeetingBody, participantOf, post, seedDirectory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface Row {
  type: string;
  held: number;
  cancelled: number;
  byFormat: Record<string, { count: number; percent: number | null }>;
  withinTimescale: { count: number; measured: number; percent: number | null };
  splitSessions: { count: number };
  quorate: { count: number; measured: number };
  reportsOnTime: { count: number; required: number; percent: number | null };
  childParticipation: { byCode: Record<string, number>; participating: number; measured: number; percent: number | null } | null;
}

describe('reports', () => {
  let t: TestApp;
  let dir: Directory;
  const clock = new FixedClock(new Date('2026-10-01T09:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
    const book = (body: object) => post<MeetingBody>(t, '/api/meetings', { allowOverlap: true, ...body });
    const chair = dir.people.chair.id;
    const iro = dir.people.iro.id;
    const sw = dir.people.socialWorker.id;

    // Two ICPCs from strategy discussions: one in time (virtual, split), one late (in person).
    const a = await aCase(t);
    const sA = await book(aBooking({ type: 'STRATEGY', caseIds: [a.id], chairId: sw, sessions: [aSession('2026-10-05T09:00:00Z', 60)] }));
    const icpcA = await book(
      aBooking({
        type: 'ICPC', caseIds: [a.id], chairId: chair, relatedMeetingId: sA.id, format: 'VIRTUAL',
        sessions: [aSession('2026-10-19T09:00:00Z', 60), aSession('2026-10-19T11:00:00Z', 60)],
        participants: [{ personId: dir.people.police.id, role: 'POLICE', reportRequired: true }, { personId: dir.people.healthVisitor.id, role: 'HEALTH', reportRequired: true }],
      }),
    );
    const b = await aCase(t);
    const sB = await book(aBooking({ type: 'STRATEGY', caseIds: [b.id], chairId: sw, format: 'IN_PERSON', sessions: [aSession('2026-09-01T09:00:00Z', 60, { join: { venue: 'Room 1' } })] }));
    await book(aBooking({ type: 'ICPC', caseIds: [b.id], chairId: chair, relatedMeetingId: sB.id, format: 'IN_PERSON', sessions: [aSession('2026-10-20T09:00:00Z', 60, { join: { venue: 'Room 2' } })] }));
    // One core group cancelled.
    const cancelled = await book(aBooking({ type: 'CORE_GROUP', caseIds: [a.id], chairId: sw, sessions: [aSession('2026-10-28T09:00:00Z', 60)] }));
    await t.http.post(`/api/meetings/${cancelled.id}/cancel`).set(await t.auth('COORDINATOR')).send({ reason: 'Rearranged' }).expect(200);
    // Three LAC reviews with PN0, PN1 and PN7 recorded.
    for (const [code, day] of [['PN0', '06'], ['PN1', '07'], ['PN7', '08']] as const) {
      const child = await aCase(t, { enteredCareOn: '2026-10-01' });
      const review = await book(aBooking({ type: 'LAC_REVIEW', caseIds: [child.id], chairId: iro, format: 'HYBRID', sessions: [aSession(`2026-10-${day}T13:00:00Z`, 60, { join: { videoUrl: 'https://video.example/x', venue: 'Foster home' } })] }));
      await t.http.put(`/api/meetings/${review.id}/minutes`).set(await t.auth('IRO')).send({ childParticipation: code }).expect(200);
    }
    // The police report for ICPC A arrives on time; health's never does.
    clock.set(new Date('2026-10-10T09:00:00Z'));
    await t.http
      .post(`/api/meetings/${icpcA.id}/documents`)
      .set(await t.auth('COORDINATOR'))
      .field('title', 'Police report').field('audience', 'PROFESSIONALS').field('participantId', participantOf(icpcA, dir.people.police.id).id)
      .attach('file', Buffer.from('Police report text'), 'police.txt')
      .expect(201);
    // The ICPC A record is quorate.
    const p = (personId: string) => participantOf(icpcA, personId).id;
    await t.http.post(`/api/meetings/${icpcA.id}/participants`).set(await t.auth('COORDINATOR')).send({ personId: sw, role: 'SOCIAL_WORKER' }).expect(201);
    const withSw = await t.http.get(`/api/meetings/${icpcA.id}`).set(await t.auth('VIEWER'));
    const swId = participantOf(withSw.body, sw).id;
    await t.http
      .put(`/api/meetings/${icpcA.id}/minutes`)
      .set(await t.auth('CHAIR'))
      .send({ attendance: [{ participantId: swId, status: 'ATTENDED', joinedBy: 'VIDEO' }, { participantId: p(dir.people.police.id), status: 'ATTENDED', joinedBy: 'VIDEO' }, { participantId: p(dir.people.healthVisitor.id), status: 'ATTENDED', joinedBy: 'PHONE' }] })
      .expect(200);
    clock.set(new Date('2026-11-15T09:00:00Z')); // everything above is now in the past
  });
  afterAll(() => t.close());

  it('gives the committee figures, per type and in all, as computed by hand', async () => {
    const { body } = await t.http.get('/api/reports/meetings?from=2026-09-01&to=2026-10-31').set(await t.auth('VIEWER')).expect(200);
    const row = (type: string): Row => body.rows.find((r: Row) => r.type === type);

    const icpc = row('ICPC');
    expect(icpc.held).toBe(2);
    expect(icpc.byFormat.VIRTUAL).toEqual({ count: 1, percent: 50 });
    expect(icpc.byFormat.IN_PERSON).toEqual({ count: 1, percent: 50 });
    // A: 15 working days after 5 Oct is 26 Oct, held 19 Oct (within); B: 15 after 1 Sep is 22 Sep, held 20 Oct (late).
    expect(icpc.withinTimescale).toEqual({ count: 1, measured: 2, percent: 50 });
    expect(icpc.splitSessions.count).toBe(1);
    expect(icpc.quorate).toEqual({ count: 1, measured: 1, percent: 100 });
    expect(icpc.reportsOnTime).toEqual({ count: 1, required: 2, percent: 50 });

    const lac = row('LAC_REVIEW');
    expect(lac.held).toBe(3);
    expect(lac.byFormat.HYBRID).toEqual({ count: 3, percent: 100 });
    // 20 working days after entering care on 1 Oct: 29 Oct; all three held before.
    expect(lac.withinTimescale).toEqual({ count: 3, measured: 3, percent: 100 });
    // PN0 (under 4) is left out of the rate: PN1 takes part, PN7 does not.
    expect(lac.childParticipation).toEqual({ byCode: { PN0: 1, PN1: 1, PN7: 1 }, participating: 1, measured: 2, percent: 50 });

    expect(row('CORE_GROUP')).toMatchObject({ held: 0, cancelled: 1 });
    expect(row('STRATEGY').held).toBe(2);
    const all = row('ALL');
    expect(all.held).toBe(2 + 3 + 2);
    expect(all.cancelled).toBe(1);
    expect(all.byFormat.IN_PERSON.count).toBe(2);
    expect(all.byFormat.VIRTUAL.count).toBe(2);
    expect(all.byFormat.HYBRID.count).toBe(3);
  });

  it('gives the same as CSV', async () => {
    const response = await t.http.get('/api/reports/meetings?from=2026-09-01&to=2026-10-31').set(await t.auth('VIEWER')).set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = response.text.trim().split('\r\n').map((line) => line.split(','));
    expect(lines).toHaveLength(9);
    const record = (type: string) => Object.fromEntries(header.map((h, i) => [h, lines.find((l) => l[0] === type)![i]]));
    expect(record('ICPC')).toMatchObject({ held: '2', in_person: '1', in_person_pct: '50', within_timescale_pct: '50', split_sessions: '1' });
    expect(record('ALL')).toMatchObject({ held: '7', cancelled: '1' });
    expect(record('LAC_REVIEW').child_participation_pct).toBe('50');
  });

  it('lists what falls due and what is overdue', async () => {
    const { body } = await t.http.get('/api/reports/due?days=60').set(await t.auth('VIEWER')).expect(200);
    // After the ICPCs: first core groups and RCPCs fall due; the cancelled core group does not count as held.
    const kinds = body.items.map((i: { kind: string; type: string }) => `${i.kind}:${i.type}`);
    expect(kinds).toEqual(expect.arrayContaining(['MEETING_NOT_BOOKED:CORE_GROUP', 'MEETING_NOT_BOOKED:LAC_REVIEW']));
    const overdue = body.items.filter((i: { overdue: boolean }) => i.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    await t.http.get('/api/reports/meetings?from=2026-12-01&to=2026-11-01').set(await t.auth('VIEWER')).expect(400);
    await t.http.get('/api/reports/meetings?from=yesterday').set(await t.auth('VIEWER')).expect(400);
  });
});
