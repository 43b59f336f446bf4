import { meetingTypeRules } from '../meeting-types/meeting-types';
import type { MinutesRecord } from './minutes.dto';
import {
  ContentContext,
  ContentParticipant,
  maracReferrals,
  recordContentProblems,
  recordContentWarnings,
  reportsReceived,
} from './record-content';

const rules = meetingTypeRules();
const person = (id: string, fields: Partial<ContentParticipant> = {}): ContentParticipant => ({
  id,
  personId: `person-${id}`,
  role: 'OTHER',
  isChair: false,
  family: false,
  agencyKind: null,
  ...fields,
});
const context = (type: keyof typeof rules, fields: Partial<ContentContext> = {}): ContentContext => ({
  rules: rules[type].record,
  label: rules[type].label,
  caseIds: ['case-1'],
  heldOn: '2026-12-03',
  dueBy: '2026-12-10',
  withinTimescale: true,
  participants: [
    person('chair', { isChair: true, agencyKind: 'LOCAL_AUTHORITY' }),
    person('sw', { role: 'SOCIAL_WORKER', agencyKind: 'LOCAL_AUTHORITY' }),
    person('mum', { role: 'PARENT', family: true }),
  ],
  caseKinds: { 'case-1': 'CHILD' },
  ...fields,
});
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('what a submitted record must hold, by type', () => {
  const everyone: MinutesRecord = {
    attendance: [
      { participantId: 'sw', status: 'ATTENDED', joinedBy: 'VIDEO' },
      { participantId: 'mum', status: 'EXCLUDED' },
    ],
  };

  it('refuses a record that leaves an invitee out (the chair accounts for themself)', () => {
    const errors = recordContentProblems(
      context('CIN_REVIEW', { rules: { ...rules.CIN_REVIEW.record, childViews: false, familyViews: false } }),
      { attendance: [everyone.attendance![0]] },
      true,
    );
    expect(errors).toEqual([
      {
        field: 'attendance',
        message: 'account for participant mum (PARENT): attended, apologies, did not attend, report only or excluded',
      },
    ]);
  });

  it("needs the child's views for each child and the parents' views at a conference, and the plan's details with a plan", () => {
    const record: MinutesRecord = {
      ...everyone,
      outcomes: [{ caseId: 'case-1', outcome: 'CP_PLAN', category: 'NEGLECT' }],
    };
    expect(fields(recordContentProblems(context('ICPC'), record, true))).toEqual(['childViews', 'familyViews', 'plan']);
    expect(recordContentProblems(context('ICPC'), record, false)).toEqual([]);
    const complete: MinutesRecord = {
      ...record,
      childViews: [{ caseId: 'case-1', views: 'Wants to stay with mum', obtainedBy: ['SOCIAL_WORKER'] }],
      familyViews: { parents: 'Agree', reportsSharedBeforehand: true },
      plan: {
        leadPractitionerPersonId: 'person-sw',
        coreGroupPersonIds: ['person-sw', 'person-mum'],
        firstCoreGroupOn: '2026-12-15',
        reviewConferenceOn: '2027-02-25',
      },
    };
    expect(recordContentProblems(context('ICPC'), complete, true)).toEqual([]);
  });

  it('asks why the parents did not see the reports, and why a child’s views could not be obtained', () => {
    const record: MinutesRecord = {
      familyViews: { parents: 'Disagree', reportsSharedBeforehand: false },
      childViews: [{ caseId: 'case-1', views: 'Too young to say', obtainedBy: ['NOT_OBTAINED'] }],
    };
    expect(fields(recordContentProblems(context('RCPC'), record, false))).toEqual([
      'childViews[0].notObtainedReason',
      'familyViews.reportsNotSharedReason',
    ]);
  });

  it('needs the reason for a late ICPC, and refuses parts the type does not record', () => {
    expect(fields(recordContentProblems(context('ICPC', { withinTimescale: false }), everyone, true))).toContain(
      'lateReason',
    );
    expect(
      fields(
        recordContentProblems(
          context('MARAC'),
          {
            familyViews: { parents: 'x', reportsSharedBeforehand: true },
            lateReason: { reason: 'x', agreedByChairPersonId: 'a', agreedByManagerPersonId: 'b' },
          },
          false,
        ),
      ),
    ).toEqual(['familyViews', 'lateReason']);
  });

  it('refuses plan dates before the conference and dissent from a decision the record does not have', () => {
    const record: MinutesRecord = {
      decisions: [{ text: 'Plan', rationale: 'Risk' }],
      dissent: [{ agencyId: 'police', decision: 2, about: 'The category', reason: 'Physical harm seen' }],
      plan: {
        leadPractitionerPersonId: 'p',
        coreGroupPersonIds: ['p'],
        firstCoreGroupOn: '2026-12-01',
        reviewConferenceOn: '2026-12-03',
      },
    };
    expect(fields(recordContentProblems(context('ICPC'), record, false))).toEqual([
      'plan.firstCoreGroupOn',
      'plan.reviewConferenceOn',
      'dissent[0].decision',
    ]);
  });
});

describe('MARAC and LAC parts (issue 22)', () => {
  const marac = context('MARAC', {
    caseIds: ['v1', 'v2', 'c1'],
    caseKinds: { v1: 'ADULT_VICTIM', v2: 'ADULT_VICTIM', c1: 'CHILD' },
    participants: [],
  });
  const action = { description: 'Flag the address', ownerPersonId: 'pc', dueOn: '2026-12-10', need: 'Rapid response' };

  it("needs each victim's referral and an action naming its case, and a DASH score of 14 or more for visible high risk", () => {
    const record: MinutesRecord = {
      referrals: [
        {
          caseId: 'v1',
          referringAgencyId: 'police',
          criteria: 'VISIBLE_HIGH_RISK',
          dashScore: 12,
          childrenInHousehold: 2,
        },
      ],
      actions: [action, { ...action, caseId: 'v1' }],
    };
    expect(recordContentProblems(marac, record, true)).toEqual([
      { field: 'referrals[0].dashScore', message: 'visible high risk is a DASH score of 14 or more: give the score' },
      { field: 'referrals', message: 'record the referral (agency, criteria, children in the household) for case v2' },
      { field: 'actions[0].caseId', message: 'name the case this action is for' },
    ]);
  });

  it('asks a LAC review about advocacy, and refuses consultation forms returned but never sent', () => {
    expect(
      fields(
        recordContentProblems(
          context('LAC_REVIEW'),
          { consultationForms: [{ from: 'SCHOOL', sent: false, returned: true }] },
          true,
        ),
      ),
    ).toEqual(['consultationForms[0].returned', 'attendance', 'attendance', 'childViews', 'familyViews', 'advocacy']);
    expect(fields(recordContentProblems(context('ICPC'), { advocacy: { offered: true, used: false } }, false))).toEqual(
      ['advocacy'],
    );
  });
});

describe('warnings', () => {
  it('warns a strategy discussion without police or health, and carries the reason once given', () => {
    const ctx = context('STRATEGY', {
      participants: [
        person('chair', { isChair: true, agencyKind: 'LOCAL_AUTHORITY' }),
        person('pc', { agencyKind: 'POLICE' }),
        person('hv', { agencyKind: 'HEALTH' }),
      ],
    });
    const record: MinutesRecord = {
      attendance: [
        { participantId: 'pc', status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: 'hv', status: 'APOLOGIES' },
      ],
    };
    expect(recordContentWarnings(ctx, record)).toEqual([
      'No health took part: Working Together expects social work, police and health; record why (agenciesMissingReason)',
    ]);
    expect(recordContentWarnings(ctx, { ...record, agenciesMissingReason: 'The GP was on leave' })).toEqual([
      'No health took part (Working Together expects social work, police and health): The GP was on leave',
    ]);
  });

  it('warns a LAC review whose record does not say the IRO saw the child first', () => {
    expect(recordContentWarnings(context('LAC_REVIEW'), {})).toHaveLength(1);
    expect(
      recordContentWarnings(context('LAC_REVIEW'), {
        childViews: [
          { caseId: 'case-1', views: 'Happy', obtainedBy: ['SEEN_BY_CHAIR_BEFORE'], seenByChairOn: '2026-11-30' },
        ],
      }),
    ).toEqual([]);
  });
});

describe('reports received, from the pre-reads', () => {
  it('is on time, late or not received for each participant who owed one', () => {
    const owed = [
      { id: 'pc', role: 'POLICE' },
      { id: 'hv', role: 'HEALTH' },
      { id: 'gp', role: 'GP' },
    ];
    const at = new Date('2026-12-01T09:00:00Z');
    const docs = [
      { participantId: 'pc', submittedAt: at, late: false },
      { participantId: 'hv', submittedAt: at, late: true },
      { participantId: null, submittedAt: at, late: false },
    ];
    expect(reportsReceived(owed, docs).map((r) => `${r.role} ${r.state}`)).toEqual([
      'POLICE ON_TIME',
      'HEALTH LATE',
      'GP NOT_RECEIVED',
    ]);
  });
});

describe('MARAC repeats, from earlier MARACs of the same case', () => {
  it('is a repeat when the case was heard within the 12 months before, not when longer ago', () => {
    const referral = (caseId: string) => ({
      caseId,
      referringAgencyId: 'police',
      criteria: 'ESCALATION' as const,
      childrenInHousehold: 1,
    });
    const earlier = [
      { caseId: 'v1', heldOn: '2025-12-04' },
      { caseId: 'v2', heldOn: '2025-12-02' },
      { caseId: 'v1', heldOn: '2026-12-03' },
    ];
    const views = maracReferrals(
      { referrals: [referral('v1'), referral('v2'), referral('v3')] },
      earlier,
      '2026-12-03',
    );
    expect(views.map((v) => [v.caseId, v.repeat, v.previousMaracOn])).toEqual([
      ['v1', true, '2025-12-04'],
      ['v2', false, '2025-12-02'],
      ['v3', false, null],
    ]);
  });
});
