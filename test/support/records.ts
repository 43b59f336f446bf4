import type { MeetingBody } from './factories';
import type { TestApp } from './test-app';

/**
 * A complete record giving this outcome for each case, saved and submitted (outcomes count from submission). Every
 * non-chair participant attended by video; a reason to proceed is given so quorum does not stand in the way.
 */
export async function submitRecord(t: TestApp, meeting: MeetingBody, outcome: string, extra: Record<string, unknown> = {}, role: 'CHAIR' | 'IRO' | 'SOCIAL_WORKER' = 'CHAIR') {
  const others = meeting.participants.filter((p) => !p.isChair);
  const record = {
    sessions: meeting.sessions.map((s) => ({ sessionId: s.id, method: 'VIDEO', reason: 'The family asked to join by video' })),
    attendance: (others.length ? others : meeting.participants).map((p) => ({ participantId: p.id, status: 'ATTENDED', joinedBy: 'VIDEO' })),
    summary: 'Summary of the meeting.',
    planConsidered: true,
    decisions: [{ text: 'The decision', rationale: 'The reasons' }],
    outcomes: meeting.caseIds.map((caseId) => ({ caseId, outcome, ...(outcome === 'CP_PLAN' ? { category: 'NEGLECT' } : {}) })),
    quorum: { reasonToProceed: 'Sufficient information and delay would harm the child' },
    ...extra,
  };
  await t.http.put(`/api/meetings/${meeting.id}/minutes`).set(await t.auth(role)).send(record).expect(200);
  return (await t.http.post(`/api/meetings/${meeting.id}/minutes/submit`).set(await t.auth(role)).expect(200)).body;
}

/** GET /api/cases/:id/next-due as `TYPE yyyy-mm-dd` lines. */
export async function nextDueOf(t: TestApp, caseId: string): Promise<string[]> {
  const { body } = await t.http.get(`/api/cases/${caseId}/next-due`).set(await t.auth('VIEWER')).expect(200);
  return (body.items as { type: string; dueBy: string }[]).map((i) => `${i.type} ${i.dueBy}`);
}

/** The due report's items (a year ahead, overdue included) about one case. */
export async function dueItemsOf(t: TestApp, caseId: string): Promise<{ caseId?: string; type: string; overdue: boolean }[]> {
  const { body } = await t.http.get('/api/reports/due?days=365').set(await t.auth('VIEWER')).expect(200);
  return (body.items as { caseId?: string; type: string; overdue: boolean }[]).filter((i) => i.caseId === caseId);
}
