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
import { asChairOf, contentFor } from './support/records';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 22: a partnership's own conference quorum, set through MEETING_RULES like the other local numbers. */
describe("the partnership's own quorum", () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp({
      MEETING_RULES: JSON.stringify({ ICPC: { quorum: { localAuthorityPlusOtherAgencies: 3 } } }),
    });
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  it('judges an ICPC with two other agencies inquorate where the partnership asks for three', async () => {
    const child = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-11-25T10:00:00Z')],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
        ],
      }),
    );
    const chair = await asChairOf(t, icpc);
    const url = `/api/meetings/${icpc.id}/minutes`;
    const saved = await t.http
      .put(url)
      .set(chair)
      .send({
        ...contentFor(icpc, 'NO_CP_PLAN'),
        sessions: [{ sessionId: icpc.sessions[0].id, method: 'IN_PERSON' }],
        attendance: [dir.people.socialWorker.id, dir.people.police.id, dir.people.healthVisitor.id].map((id) => ({
          participantId: participantOf(icpc, id).id,
          status: 'ATTENDED',
          joinedBy: 'IN_PERSON',
        })),
        summary: 'No continuing risk.',
        planConsidered: true,
        decisions: [{ text: 'No plan', rationale: 'Risk reduced' }],
        outcomes: [{ caseId: child.id, outcome: 'NO_CP_PLAN' }],
      })
      .expect(200);
    expect(saved.body.quorate).toBe(false);
    expect(saved.body.quorum.explanation).toBe("children's social care and 2 other agencies attended; 3 are needed");
    const refused = await t.http.post(`${url}/submit`).set(chair).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['quorum.reasonToProceed']);
  });
});
