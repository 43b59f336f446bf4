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
import { eventually } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The committee report reads a stored row per meeting (meeting_report_facts), which PostgreSQL's triggers keep: each
 * change below, through the API or straight in SQL (as a script or a future code path would), shows in the report at
 * once, and the stored rows always equal their live recomputation (the view meeting_report_facts_live).
 */
describe('the report follows every change to what it counts (meeting_report_facts)', () => {
  let t: TestApp;
  let dir: Directory;
  let icpc: MeetingBody;
  const clock = new FixedClock(new Date('2026-06-01T09:00:00Z'));
  const sql = (text: string, params: unknown[] = []) => t.dataSource.query(text, params);

  interface Row {
    held: number;
    cancelled: number;
    byFormat: Record<string, { count: number }>;
    formatFromBooking: { count: number };
    splitSessions: { count: number };
    quorate: { count: number; measured: number };
    reportsOnTime: { count: number; required: number };
  }
  const icpcRow = async (): Promise<Row> => {
    const { body } = await t.http
      .get('/api/reports/meetings?from=2026-06-01&to=2026-06-30')
      .set(await t.auth('VIEWER'))
      .expect(200);
    return body.rows.find((r: { type: string }) => r.type === 'ICPC');
  };
  /** Rows stored but not live, or live but not stored: none, whatever happened before. */
  const drift = () =>
    sql(`(SELECT * FROM meeting_report_facts EXCEPT SELECT * FROM meeting_report_facts_live)
         UNION ALL (SELECT * FROM meeting_report_facts_live EXCEPT SELECT * FROM meeting_report_facts)`);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
    const c = await aCase(t);
    icpc = await post<MeetingBody>(t, '/api/meetings', {
      allowOverlap: true,
      ...aBooking({
        caseIds: [c.id],
        chairId: dir.people.chair.id,
        format: 'VIRTUAL',
        sessions: [aSession('2026-06-10T09:00:00Z', 60)],
        participants: [{ personId: dir.people.police.id, role: 'POLICE', reportRequired: true }],
      }),
    });
  });
  afterAll(() => t.close());
  afterEach(async () => expect(await drift()).toEqual([]));

  it('counts a booked meeting once it is over, by its booked format, with the report it is owed', async () => {
    expect(await icpcRow()).toMatchObject({ held: 0, cancelled: 0 });
    clock.set(new Date('2026-06-15T09:00:00Z'));
    expect(await icpcRow()).toMatchObject({
      held: 1,
      byFormat: { VIRTUAL: { count: 1 } },
      formatFromBooking: { count: 1 },
      splitSessions: { count: 0 },
      reportsOnTime: { count: 0, required: 1 },
    });
  });

  it('counts a report on time once it is uploaded, and not once it is found late', async () => {
    clock.set(new Date('2026-06-05T09:00:00Z'));
    await t.http
      .post(`/api/meetings/${icpc.id}/documents`)
      .set(await t.auth('COORDINATOR'))
      .field('title', 'Police report')
      .field('audience', 'PROFESSIONALS')
      .field('participantId', participantOf(icpc, dir.people.police.id).id)
      .attach('file', Buffer.from('Police report text'), 'police.txt')
      .expect(201);
    clock.set(new Date('2026-06-15T09:00:00Z'));
    expect((await icpcRow()).reportsOnTime).toEqual(expect.objectContaining({ count: 1, required: 1 }));
    await sql(`UPDATE documents SET late = true WHERE meeting_id = $1`, [icpc.id]);
    expect((await icpcRow()).reportsOnTime).toEqual(expect.objectContaining({ count: 0, required: 1 }));
    await sql(`UPDATE documents SET late = false WHERE meeting_id = $1`, [icpc.id]);
  });

  it('takes how it was held from the record once the record gives its methods, and the booking again without one', async () => {
    await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await t.auth('CHAIR', { id: dir.people.chair.id }))
      .send({ sessions: [{ sessionId: icpc.sessions[0].id, method: 'IN_PERSON' }] })
      .expect(200);
    expect(await icpcRow()).toMatchObject({ byFormat: { IN_PERSON: { count: 1 } }, formatFromBooking: { count: 0 } });
    await sql(`DELETE FROM minutes WHERE meeting_id = $1`, [icpc.id]);
    expect(await icpcRow()).toMatchObject({ byFormat: { VIRTUAL: { count: 1 } }, formatFromBooking: { count: 1 } });
  });

  it('counts a meeting split once a part is added, and whole again once it is removed', async () => {
    await sql(
      `INSERT INTO meeting_sessions (meeting_id, position, starts_at, ends_at, ical_uid)
       VALUES ($1, 1, '2026-06-10T11:00:00Z', '2026-06-10T12:00:00Z', 'facts-test-part-2')`,
      [icpc.id],
    );
    expect((await icpcRow()).splitSessions.count).toBe(1);
    await sql(`DELETE FROM meeting_sessions WHERE meeting_id = $1 AND position = 1`, [icpc.id]);
    expect((await icpcRow()).splitSessions.count).toBe(0);
  });

  it('no longer owes a report once its participant is removed or no longer asked for one', async () => {
    const police = participantOf(icpc, dir.people.police.id).id;
    await sql(`UPDATE participants SET report_required = false WHERE id = $1`, [police]);
    expect((await icpcRow()).reportsOnTime).toEqual(expect.objectContaining({ count: 0, required: 0 }));
    await sql(`UPDATE participants SET report_required = true WHERE id = $1`, [police]);
    expect((await icpcRow()).reportsOnTime).toEqual(expect.objectContaining({ count: 1, required: 1 }));
    await sql(`UPDATE participants SET removed_at = '2026-06-06T09:00:00Z' WHERE id = $1`, [police]);
    expect((await icpcRow()).reportsOnTime).toEqual(expect.objectContaining({ count: 0, required: 0 }));
    await sql(`UPDATE participants SET removed_at = NULL WHERE id = $1`, [police]);
  });

  // Not in npm test's time-travel pass (test/time-travel.js): under libfaketime PostgreSQL's deadlock check, which
  // runs on a timer, never fired (the two transactions waited for the test's timeout). The test is about lock order,
  // not dates, and runs in the first pass.
  const onTheRealClock = process.env.QUORUM_TIME_TRAVEL ? it.skip : it;
  onTheRealClock(
    'answers 409 when a change meets another at the summary row in a deadlock, and keeps none of it',
    async () => {
      clock.set(new Date('2026-06-05T09:00:00Z'));
      const police = participantOf(icpc, dir.people.police.id).id;
      const other = t.dataSource.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        // Another transaction holds the meeting's summary row (as its own change to the meeting would)…
        await other.query(`SELECT 1 FROM meeting_report_facts WHERE meeting_id = $1 FOR UPDATE`, [icpc.id]);
        // …while the API removes the police officer: it takes the participant's row, then waits for the summary's…
        const removal = t.http
          .delete(`/api/meetings/${icpc.id}/participants/${police}`)
          .set(await t.auth('COORDINATOR'))
          .then((response) => response);
        await eventually('the removal waiting for the summary row', async () => {
          const waiting: unknown[] = await sql(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return waiting.length > 0;
        });
        // …and the other now wants the participant's row: a cycle, which PostgreSQL breaks by rolling the removal back
        // (its backend waited first, so its deadlock check runs first).
        await other.query(`UPDATE participants SET report_required = report_required WHERE id = $1`, [police]);
        const response = await removal;
        expect(response.status).toBe(409);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.detail).toBe('The record changed at the same time; try again');
      } finally {
        await other.rollbackTransaction();
        await other.release();
      }
      // Nothing of the removal was kept: the participant, the report they owe, and no message about it.
      expect(await sql(`SELECT removed_at FROM participants WHERE id = $1`, [police])).toEqual([{ removed_at: null }]);
      expect(await sql(`SELECT 1 FROM deliveries WHERE participant_id = $1 AND kind = 'UNINVITE'`, [police])).toEqual(
        [],
      );
      clock.set(new Date('2026-06-15T09:00:00Z'));
      expect((await icpcRow()).reportsOnTime).toEqual(expect.objectContaining({ required: 1 }));
    },
  );

  it('counts a meeting cancelled after booking as cancelled, not held; and forgets a meeting deleted', async () => {
    await t.http
      .post(`/api/meetings/${icpc.id}/cancel`)
      .set(await t.auth('COORDINATOR'))
      .send({ reason: 'Rearranged' })
      .expect(200);
    expect(await icpcRow()).toMatchObject({ held: 0, cancelled: 1 });
    await sql(`DELETE FROM meeting_cases WHERE meeting_id = $1`, [icpc.id]);
    await sql(`DELETE FROM meetings WHERE id = $1`, [icpc.id]);
    expect(await icpcRow()).toMatchObject({ held: 0, cancelled: 0 });
    expect(await sql(`SELECT 1 FROM meeting_report_facts WHERE meeting_id = $1`, [icpc.id])).toEqual([]);
  });
});
