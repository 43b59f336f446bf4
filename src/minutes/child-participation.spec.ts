import { childParticipationAgeProblems } from './child-participation';

describe('childParticipationAgeProblems', () => {
  const child = (dateOfBirth: string | null) => ({ caseId: 'c1', reference: 'CR-1', dateOfBirth });

  it('takes PN0 for a child under 4 on the day of the review and refuses it from the fourth birthday', () => {
    expect(
      childParticipationAgeProblems({ childParticipation: 'PN0' }, [child('2023-01-13')], '2027-01-12', true),
    ).toEqual([]);
    expect(
      childParticipationAgeProblems({ childParticipation: 'PN0' }, [child('2023-01-12')], '2027-01-12', false),
    ).toEqual([
      {
        field: 'childParticipation',
        message: 'PN0 is for a child under 4 at the review; case CR-1 was 4 or over on 2027-01-12',
      },
    ]);
    expect(
      childParticipationAgeProblems({ childParticipation: 'PN1' }, [child('2010-01-01')], '2027-01-12', true),
    ).toEqual([]);
  });

  it('names the per-child field, and asks for the date of birth only at submission', () => {
    const record = {
      childParticipation: 'PN1' as const,
      childParticipationByCase: [{ caseId: 'c1', code: 'PN0' as const }],
    };
    expect(childParticipationAgeProblems(record, [child('2019-05-01')], '2027-01-12', false)[0].field).toBe(
      'childParticipationByCase[0].code',
    );
    expect(childParticipationAgeProblems(record, [child(null)], '2027-01-12', false)).toEqual([]);
    expect(childParticipationAgeProblems(record, [child(null)], '2027-01-12', true)[0].message).toMatch(
      /record the date of birth/,
    );
  });

  it('counts a child born on 29 February as 4 on the 29 February four years on', () => {
    expect(
      childParticipationAgeProblems({ childParticipation: 'PN0' }, [child('2024-02-29')], '2028-02-28', true),
    ).toEqual([]);
    expect(
      childParticipationAgeProblems({ childParticipation: 'PN0' }, [child('2024-02-29')], '2028-02-29', true),
    ).toHaveLength(1);
  });
});
