import { caseTimeline, TimelineMeeting } from './case-timeline';

const meeting = (type: string, heldOn: string, outcome: string | null, status = 'SCHEDULED'): TimelineMeeting => ({
  id: `${type}-${heldOn}`,
  type,
  label: type,
  status,
  heldOn,
  startsAt: `${heldOn}T10:00:00Z`,
  dueBy: null,
  withinTimescale: null,
  outcome,
  recordStatus: outcome ? 'SUBMITTED' : null,
});
const noDates = { enteredCareOn: null, ceasedLookedAfterOn: null, cpPlanStartedOn: null, cpPlanEndedOn: null };

describe('a case timeline', () => {
  it('starts a plan at the ICPC that decides one and ends it at the review that decides none', () => {
    const t = caseTimeline(
      noDates,
      [
        meeting('RCPC', '2027-03-01', 'NO_CP_PLAN'),
        meeting('ICPC', '2026-12-03', 'CP_PLAN'),
        meeting('CORE_GROUP', '2026-12-10', null),
      ],
      [],
    );
    expect(t.meetings.map((m) => m.type)).toEqual(['ICPC', 'CORE_GROUP', 'RCPC']);
    expect(t.plans).toEqual([
      { startedOn: '2026-12-03', endedOn: '2027-03-01', startedBy: 'ICPC 2026-12-03', endedBy: 'RCPC 2027-03-01' },
    ]);
  });

  it('takes the plan dates the case holds when no conference in Quorum gave them, and leaves a cancelled meeting out of the plans', () => {
    const t = caseTimeline(
      { ...noDates, cpPlanStartedOn: '2026-09-14', cpPlanEndedOn: '2027-01-20' },
      [meeting('RCPC', '2026-12-01', 'NO_CP_PLAN', 'CANCELLED')],
      [],
    );
    expect(t.plans).toEqual([
      { startedOn: '2026-09-14', endedOn: '2027-01-20', startedBy: 'case date', endedBy: 'case date' },
    ]);
  });

  it('shows the care episode, open while the child is looked after', () => {
    expect(caseTimeline({ ...noDates, enteredCareOn: '2026-11-02' }, [], []).care).toEqual([
      { startedOn: '2026-11-02', endedOn: null, startedBy: 'case date', endedBy: null },
    ]);
  });
});
