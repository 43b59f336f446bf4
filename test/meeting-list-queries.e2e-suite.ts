import {
  aBooking,
  aCase,
  aSession,
  coordinatorOf,
  Directory,
  MeetingBody,
  post,
  seedDirectory,
} from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A page of the meeting list costs a fixed number of queries, however many meetings it holds: its cases, sessions,
 * participants and deliveries are read for the whole page at once. Counted at TypeORM's logger, which every query
 * the app sends passes through whether or not logging is on.
 */
describe('GET /api/meetings', () => {
  let t: TestApp;
  let dir: Directory;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
    caseId = (await aCase(t)).id;
    for (let i = 0; i < 50; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'STRATEGY',
          caseIds: [caseId],
          chairId: dir.people.chair.id,
          sessions: [aSession(`2027-0${1 + Math.floor(i / 28)}-${day}T10:00:00Z`)],
          participants: [
            { personId: dir.people.police.id, role: 'POLICE' },
            { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          ],
          allowOverlap: true,
        }),
      );
    }
  }, 120_000);
  afterAll(() => t.close());

  async function queriesFor(limit: number): Promise<{ queries: number; items: MeetingBody[] }> {
    const staff = await coordinatorOf(t, 'STRATEGY');
    const logged = jest.spyOn(t.dataSource.logger, 'logQuery');
    try {
      const response = await t.http.get(`/api/meetings?caseId=${caseId}&limit=${limit}`).set(staff).expect(200);
      return { queries: logged.mock.calls.length, items: (response.body as { items: MeetingBody[] }).items };
    } finally {
      logged.mockRestore();
    }
  }

  it('costs as many queries for a page of 50 meetings as for a page of 5', async () => {
    const small = await queriesFor(5);
    const large = await queriesFor(50);
    expect(small.items).toHaveLength(5);
    expect(large.items).toHaveLength(50);
    // Each meeting came back whole: its case, its session, and the chair with the two invited.
    for (const item of large.items) {
      expect(item.sessions).toHaveLength(1);
      expect(item.participants).toHaveLength(3);
      expect((item as unknown as { cases: { id: string }[] }).cases).toEqual([expect.objectContaining({ id: caseId })]);
    }
    expect(large.queries).toBe(small.queries);
    expect(small.queries).toBeLessThan(15);
  });
});
