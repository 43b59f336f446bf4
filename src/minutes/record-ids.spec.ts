import type { MinutesRecord } from './minutes.dto';
import { agenciesNamed, peopleNamed, unknownIdProblems } from './record-ids';

const meeting = {
  sessionIds: new Set(['s1']),
  participantIds: new Set(['p1']),
  caseIds: new Set(['c1']),
  chairId: 'chair',
};

describe('ids a record names', () => {
  const record: MinutesRecord = {
    attendance: [{ participantId: 'p2', status: 'ATTENDED', joinedBy: 'VIDEO' }],
    actions: [{ description: 'd', ownerPersonId: 'sw', dueOn: '2026-12-01', need: 'n', caseId: 'c9' }],
    plan: {
      leadPractitionerPersonId: 'sw',
      coreGroupPersonIds: ['sw', 'ghost'],
      firstCoreGroupOn: '2026-12-08',
      reviewConferenceOn: '2027-02-22',
    },
    lateReason: { reason: 'r', agreedByChairPersonId: 'another chair', agreedByManagerPersonId: 'manager' },
    dissent: [{ agencyId: 'police', about: 'a', reason: 'b' }],
    referrals: [{ caseId: 'c1', referringAgencyId: 'nowhere', criteria: 'ESCALATION', childrenInHousehold: 0 }],
  };

  it('lists the people and agencies it names, with their fields', () => {
    expect(peopleNamed(record).map((n) => `${n.field}=${n.id}`)).toEqual([
      'actions[0].ownerPersonId=sw',
      'plan.leadPractitionerPersonId=sw',
      'plan.coreGroupPersonIds[0]=sw',
      'plan.coreGroupPersonIds[1]=ghost',
      'lateReason.agreedByManagerPersonId=manager',
    ]);
    expect(agenciesNamed(record).map((n) => n.id)).toEqual(['police', 'nowhere']);
  });

  it('names each field whose id is unknown or not of this meeting, and a late reason agreed by another chair', () => {
    expect(
      unknownIdProblems(meeting, record, new Set(['sw', 'manager']), new Set(['police'])).map((e) => e.field),
    ).toEqual([
      'attendance[0].participantId',
      'plan.coreGroupPersonIds[1]',
      'lateReason.agreedByChairPersonId',
      'actions[0].caseId',
      'referrals[0].referringAgencyId',
    ]);
  });
});
