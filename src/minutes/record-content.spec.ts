import { meetingTypeRules } from '../meeting-types/meeting-types';
import type { MinutesRecord } from './minutes.dto';
import { ContentContext, ContentParticipant, recordContentProblems, recordContentWarnings, reportsReceived } from './record-content';

const rules = meetingTypeRules();
const person = (id: string, fields: Partial<ContentParticipant> = {}): ContentParticipant => ({ id, personId: `person-${id}`, role: 'OTHER', isChair: false, family: false, agencyKind: null, ...fields });
const context = (type: keyof typeof rules, fields: Partial<ContentContext> = {}): ContentContext => ({
  rules: rules[type].record, label: rules[type].label, caseIds: ['case-1'], heldOn: '2026-12-03', dueBy: '2026-12-10', withinTimescale: true,
  participants: [person('chair', { isChair: true, agencyKind: 'LOCAL_AUTHORITY' }), person('sw', { role: 'SOCIAL_WORKER', agencyKind: 'LOCAL_AUTHORITY' }), person('mum', { role: 'PARENT', family: true })],
  ...fields,
});
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('what a submitted record must hold, by type', () => {
  const everyone: MinutesRecord = { attendance: [{ participantId: 'sw', status: 'ATTENDED', joinedBy: 'VIDEO' }, { participantId: 'mum', status: 'EXCLUDED' }] };

  it('refuses a record that leaves an invitee out (the chair accounts for themself)', () => {
    const errors = recordContentProblems(context('CIN_REVIEW', { rules: { ...rules.CIN_REVIEW.record, childViews: false, familyViews: false } }), { attendance: [everyone.attendance![0]] }, true);
    expect(errors).toEqual([{ field: 'attendance', message: 'account for participant mum (PARENT): attended, apologies, did not attend, report only or excluded' }]);
  });

  it("needs the child's views for each child and the parents' views at a conference, and the plan's details with a plan", () => {
    const record: MinutesRecord = { ...everyone, outcomes: [{ caseId: 'case-1', outcome: 'CP_PLAN', category: 'NEGLECT' }] };
    expect(fields(recordContentProblems(context('ICPC'), record, true))).toEqual(['childViews', 'familyViews', 'plan']);
    expect(recordContentProblems(context('ICPC'), record, false)).toEqual([]);
    const complete: MinutesRecord = {
      ...record,
      childViews: [{ caseId: 'case-1', views: 'Wants to stay with mum', obtainedBy: ['SOCIAL_WORKER'] }],
      familyViews: { parents: 'Agree', reportsSharedBeforehand: true },
      plan: { leadPractitionerPersonId: 'person-sw', coreGroupPersonIds: ['person-sw', 'person-mum'], firstCoreGroupOn: '2026-12-15', reviewConferenceOn: '2027-02-25' },
    };
    expect(recordContentProblems(context('ICPC'), complete, true)).toEqual([]);
  });

  it('asks why the parents did not see the reports, and why a child’s views could not be obtained', () => {
    const record: MinutesRecord = {
      familyViews: { parents: 'Disagree', reportsSharedBeforehand: false },
      childViews: [{ caseId: 'case-1', views: 'Too young to say', obtainedBy: ['NOT_OBTAINED'] }],
    };
    expect(fields(recordContentProblems(context('RCPC'), record, false))).toEqual(['childViews[0].notObtainedReason', 'familyViews.reportsNotSharedReason']);
  });

  it('needs the reason for a late ICPC, and refuses parts the type does not record', () => {
    expect(fields(recordContentProblems(context('ICPC', { withinTimescale: false }), everyone, true))).toContain('lateReason');
    expect(fields(recordContentProblems(context('MARAC'), { familyViews: { parents: 'x', reportsSharedBeforehand: true }, lateReason: { reason: 'x', agreedByChairPersonId: 'a', agreedByManagerPersonId: 'b' } }, false))).toEqual(['familyViews', 'lateReason']);
  });

  it('refuses plan dates before the conference and dissent from a decision the record does not have', () => {
    const record: MinutesRecord = {
      decisions: [{ text: 'Plan', rationale: 'Risk' }],
      dissent: [{ agencyId: 'police', decision: 2, about: 'The category', reason: 'Physical harm seen' }],
      plan: { leadPractitionerPersonId: 'p', coreGroupPersonIds: ['p'], firstCoreGroupOn: '2026-12-01', reviewConferenceOn: '2026-12-03' },
    };
    expect(fields(recordContentProblems(context('ICPC'), record, false))).toEqual(['plan.firstCoreGroupOn', 'plan.reviewConferenceOn', 'dissent[0].decision']);
  });
});

describe('warnings', () => {
  it('warns a strategy discussion without police or health, and carries the reason once given', () => {
    const ctx = context('STRATEGY', { participants: [person('chair', { isChair: true, agencyKind: 'LOCAL_AUTHORITY' }), person('pc', { agencyKind: 'POLICE' }), person('hv', { agencyKind: 'HEALTH' })] });
    const record: MinutesRecord = { attendance: [{ participantId: 'pc', status: 'ATTENDED', joinedBy: 'PHONE' }, { participantId: 'hv', status: 'APOLOGIES' }] };
    expect(recordContentWarnings(ctx, record)).toEqual(['No health took part: Working Together expects social work, police and health; record why (agenciesMissingReason)']);
    expect(recordContentWarnings(ctx, { ...record, agenciesMissingReason: 'The GP was on leave' })).toEqual(['No health took part (Working Together expects social work, police and health): The GP was on leave']);
  });

  it('warns a LAC review whose record does not say the IRO saw the child first', () => {
    expect(recordContentWarnings(context('LAC_REVIEW'), {})).toHaveLength(1);
    expect(recordContentWarnings(context('LAC_REVIEW'), { childViews: [{ caseId: 'case-1', views: 'Happy', obtainedBy: ['SEEN_BY_CHAIR_BEFORE'], seenByChairOn: '2026-11-30' }] })).toEqual([]);
  });
});

describe('reports received, from the pre-reads', () => {
  it('is on time, late or not received for each participant who owed one', () => {
    const owed = [{ id: 'pc', role: 'POLICE' }, { id: 'hv', role: 'HEALTH' }, { id: 'gp', role: 'GP' }];
    const at = new Date('2026-12-01T09:00:00Z');
    const docs = [{ participantId: 'pc', submittedAt: at, late: false }, { participantId: 'hv', submittedAt: at, late: true }, { participantId: null, submittedAt: at, late: false }];
    expect(reportsReceived(owed, docs).map((r) => `${r.role} ${r.state}`)).toEqual(['POLICE ON_TIME', 'HEALTH LATE', 'GP NOT_RECEIVED']);
  });
});
