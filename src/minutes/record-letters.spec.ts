import { familyLetterHasContent, letterHash } from './decision-letters.service';
import { DistributionPerson, distributionProblems } from './record-distribution';

const person = (id: string, kind: string): [string, DistributionPerson] => [
  id,
  { id, name: id, email: null, kind, agency: null },
];

describe('distribution-only recipients', () => {
  it('refuses a family member, an invitee and anyone named twice, naming the field', () => {
    const people = new Map([person('gp', 'PROFESSIONAL'), person('gran', 'FAMILY'), person('police', 'PROFESSIONAL')]);
    const record = {
      distribution: [{ personId: 'gp' }, { personId: 'gran' }, { personId: 'police' }, { personId: 'gp' }],
    };
    expect(distributionProblems(record, new Set(['police']), people).map((e) => e.field)).toEqual([
      'distribution[1].personId',
      'distribution[2].personId',
      'distribution[3].personId',
    ]);
  });
});

describe('the decision letter', () => {
  const decisions = [{ text: 'A plan', rationale: 'Why', shareWithFamily: true }];
  it('changes its hash with what it says, not with the rest of the record', () => {
    expect(letterHash({ decisions, summary: 'one' })).toBe(letterHash({ decisions, summary: 'two' }));
    expect(letterHash({ decisions })).not.toBe(letterHash({ decisions: [{ ...decisions[0], text: 'Another' }] }));
    expect(letterHash({ decisions })).not.toBe(
      letterHash({ decisions: [{ ...decisions[0], shareWithFamily: false }] }),
    );
  });

  it("has something for a family only where it is shared, for their own children's outcomes", () => {
    const outcomes = [{ caseId: 'b', outcome: 'CP_PLAN', shareWithFamily: true }];
    expect(familyLetterHasContent({ decisions: [{ text: 'x', rationale: 'y' }] }, null, ['a', 'b'])).toBe(false);
    expect(familyLetterHasContent({ outcomes }, ['a'], ['a', 'b'])).toBe(false);
    expect(familyLetterHasContent({ outcomes }, ['b'], ['a', 'b'])).toBe(true);
    expect(familyLetterHasContent({ decisions }, ['a'], ['a', 'b'])).toBe(true);
  });
});
