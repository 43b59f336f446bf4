import { familyRecord, FamilyRecordInput } from './family-record';

const input = (over: Partial<FamilyRecordInput> = {}): FamilyRecordInput => ({
  typeLabel: 'Initial child protection conference',
  heldOn: 'Thursday 26 November 2026',
  cases: [
    { id: 'c1', reference: 'CR-1' },
    { id: 'c2', reference: 'CR-2' },
  ],
  ownSessions: [{ position: 1, label: 'Father with professionals', when: '13:30' }],
  sessionCount: 2,
  owners: new Map([
    ['sw', { role: 'SOCIAL_WORKER', agency: 'Council', family: false }],
    ['mum', { role: 'PARENT', agency: null, family: true }],
  ]),
  keptApartFrom: new Set(['mum']),
  formatDate: (d) => `on ${d}`,
  record: {
    summary: 'professional summary',
    familySummary: 'family summary',
    decisions: [
      { text: 'shared', rationale: 'why', dissent: 'no', shareWithFamily: true },
      { text: 'not shared', rationale: 'why' },
    ],
    actions: [
      { description: 'visit', ownerPersonId: 'sw', dueOn: '2026-12-01', need: 'n', shareWithFamily: true },
      { description: 'her course', ownerPersonId: 'mum', dueOn: '2026-12-01', need: 'n', shareWithFamily: true },
      { description: 'hidden', ownerPersonId: 'sw', dueOn: '2026-12-01', need: 'n' },
    ],
    outcomes: [
      { caseId: 'c1', outcome: 'CP_PLAN', category: 'NEGLECT', shareWithFamily: true },
      { caseId: 'c2', outcome: 'CP_PLAN', category: 'NEGLECT' },
    ],
    // Issue 22: only what is shared; never the dissent, the late reason or why reports were not shared.
    childViews: [
      { caseId: 'c1', views: 'shared views', obtainedBy: ['ADVOCATE'], shareWithFamily: true },
      { caseId: 'c2', views: 'kept views', obtainedBy: ['ATTENDED'] },
    ],
    familyViews: {
      parents: 'parents said',
      reportsSharedBeforehand: false,
      reportsNotSharedReason: 'late report',
      shareWithFamily: true,
    },
    plan: {
      leadPractitionerPersonId: 'sw',
      coreGroupPersonIds: ['sw', 'mum'],
      firstCoreGroupOn: '2026-12-08',
      reviewConferenceOn: '2027-02-22',
      shareWithFamily: true,
    },
    dissent: [{ agencyId: 'police', about: 'category', reason: 'disagree' }],
    lateReason: { reason: 'late', agreedByChairPersonId: 'c', agreedByManagerPersonId: 'm' },
  },
  ...over,
});

describe('familyRecord', () => {
  it('holds only the allow-listed fields, and only items the chair shared', () => {
    expect(familyRecord(input())).toEqual({
      typeLabel: 'Initial child protection conference',
      heldOn: 'Thursday 26 November 2026',
      caseReferences: ['CR-1', 'CR-2'],
      sessions: [{ heading: 'Part 2: Father with professionals', when: '13:30' }],
      familySummary: 'family summary',
      decisions: [{ text: 'shared' }],
      outcomes: [{ reference: 'CR-1', outcome: 'cp plan' }],
      actions: [{ description: 'visit', owner: 'Social worker, Council', dueOn: 'on 2026-12-01' }],
      childViews: [{ reference: 'CR-1', views: 'shared views' }],
      familyViews: { parents: 'parents said', widerFamily: null },
      plan: {
        leadPractitioner: 'Social worker, Council',
        firstCoreGroupOn: 'on 2026-12-08',
        reviewConferenceOn: 'on 2027-02-22',
      },
    });
  });

  it("leaves out the views and the plan the chair did not share, and a child's views that are not this family member's child", () => {
    const record = input().record;
    const view = familyRecord(
      input({
        childCaseIds: ['c2'],
        record: {
          ...record,
          familyViews: { ...record.familyViews!, shareWithFamily: false },
          plan: { ...record.plan!, shareWithFamily: undefined },
        },
      }),
    );
    expect([view.childViews, view.familyViews, view.plan]).toEqual([[], null, null]);
  });

  it("narrows the cases and their outcomes to the family member's own children where known", () => {
    const view = familyRecord(
      input({
        childCaseIds: ['c2'],
        record: { ...input().record, outcomes: [{ caseId: 'c1', outcome: 'CP_PLAN', shareWithFamily: true }] },
      }),
    );
    expect(view.caseReferences).toEqual(['CR-2']);
    expect(view.outcomes).toEqual([]);
  });

  it('names a family owner by role only, and an action owned by someone kept apart not at all', () => {
    const view = familyRecord(input({ keptApartFrom: new Set() }));
    expect(view.actions.map((a) => a.owner)).toEqual(['Social worker, Council', 'Parent']);
  });
});
