import { coordinatorOf, MeetingBody } from './factories';
import type { TestApp } from './test-app';

export type ChairRole = 'CHAIR' | 'IRO' | 'SOCIAL_WORKER';

/**
 * A bearer header for the meeting's chair, as the directory person who chairs it (issue 16: only the chair, or the
 * minute-taker they name, writes and submits the record). `role` is the staff role that person holds.
 */
export function asChairOf(
  t: TestApp,
  meeting: MeetingBody,
  role: ChairRole = 'CHAIR',
): Promise<{ Authorization: string }> {
  const chair = meeting.participants.find((p) => p.isChair);
  if (!chair) throw new Error(`meeting ${meeting.id} has no chair`);
  return t.auth(role, { id: chair.personId });
}

/**
 * A complete record giving this outcome for each case, saved and submitted (outcomes count from submission). Every
 * non-chair participant attended by video; a reason to proceed is given so quorum does not stand in the way. Written
 * and submitted by the meeting's chair, who holds `role`.
 */
export async function submitRecord(
  t: TestApp,
  meeting: MeetingBody,
  outcome: string,
  extra: Record<string, unknown> = {},
  role: ChairRole = 'CHAIR',
) {
  const others = meeting.participants.filter((p) => !p.isChair);
  const record = {
    ...contentFor(meeting, outcome),
    sessions: meeting.sessions.map((s) => ({
      sessionId: s.id,
      method: 'VIDEO',
      reason: 'The family asked to join by video',
    })),
    attendance: (others.length ? others : meeting.participants).map((p) => ({
      participantId: p.id,
      status: 'ATTENDED',
      joinedBy: 'VIDEO',
    })),
    summary: 'Summary of the meeting.',
    planConsidered: true,
    decisions: [{ text: 'The decision', rationale: 'The reasons' }],
    outcomes: meeting.caseIds.map((caseId) => ({
      caseId,
      outcome,
      ...(outcome === 'CP_PLAN' ? { category: 'NEGLECT' } : {}),
    })),
    quorum: { reasonToProceed: 'Sufficient information and delay would harm the child' },
    ...extra,
  };
  const chair = await asChairOf(t, meeting, role);
  await t.http.put(`/api/meetings/${meeting.id}/minutes`).set(chair).send(record).expect(200);
  return (await t.http.post(`/api/meetings/${meeting.id}/minutes/submit`).set(chair).expect(200)).body;
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What the meeting type's record must hold at submission (issue 22; README "The record, by type"): the child's views
 * where the type hears them, the family's, the plan's details with a plan, and a late ICPC's reason.
 */
export function contentFor(meeting: MeetingBody, outcome: string): Record<string, unknown> {
  const chair = meeting.participants.find((p) => p.isChair)!.personId;
  const hearsChild = ['ICPC', 'RCPC', 'LAC_REVIEW', 'CIN_REVIEW'].includes(meeting.type);
  const hearsFamily = ['ICPC', 'RCPC', 'CORE_GROUP', 'LAC_REVIEW', 'CIN_REVIEW', 'PLO'].includes(meeting.type);
  return {
    ...(hearsChild
      ? {
          childViews: meeting.caseIds.map((caseId) => ({
            caseId,
            views: 'Wants things to stay as they are',
            obtainedBy: ['SEEN_BY_CHAIR_BEFORE'],
          })),
        }
      : {}),
    ...(hearsFamily ? { familyViews: { parents: 'Agree with the plan', reportsSharedBeforehand: true } } : {}),
    ...(meeting.type === 'LAC_REVIEW' ? { advocacy: { offered: true, used: false } } : {}),
    ...(meeting.type === 'PLO' ? { parentsLegallyRepresented: true } : {}),
    ...(outcome === 'CP_PLAN'
      ? {
          plan: {
            leadPractitionerPersonId: chair,
            coreGroupPersonIds: [chair],
            firstCoreGroupOn: plusDays(meeting.heldOn, 7),
            reviewConferenceOn: plusDays(meeting.heldOn, 80),
          },
        }
      : {}),
    ...(meeting.type === 'ICPC' && meeting.withinTimescale === false
      ? {
          lateReason: {
            reason: 'The family asked for a later date',
            agreedByChairPersonId: chair,
            agreedByManagerPersonId: chair,
          },
        }
      : {}),
  };
}

/**
 * GET /api/cases/:id/next-due as `TYPE yyyy-mm-dd` lines, read by the coordinator of child cases (issue 16: a case is
 * told only to those with a part in it, so a bystander's empty answer would prove nothing).
 */
export async function nextDueOf(t: TestApp, caseId: string): Promise<string[]> {
  const { body } = await t.http
    .get(`/api/cases/${caseId}/next-due`)
    .set(await coordinatorOf(t))
    .expect(200);
  return (body.items as { type: string; dueBy: string }[]).map((i) => `${i.type} ${i.dueBy}`);
}

/**
 * The due report's items (a year ahead, overdue included) about one case, as the coordinator of child cases sees them
 * (the due report names only cases the caller has a part in; a VIEWER's would be empty whatever fell due).
 */
export async function dueItemsOf(
  t: TestApp,
  caseId: string,
): Promise<{ caseId?: string; type: string; overdue: boolean }[]> {
  const { body } = await t.http
    .get('/api/reports/due?days=365')
    .set(await coordinatorOf(t))
    .expect(200);
  return (body.items as { caseId?: string; type: string; overdue: boolean }[]).filter((i) => i.caseId === caseId);
}
