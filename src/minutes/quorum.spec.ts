import { assessQuorum } from './quorum';

describe('assessQuorum', () => {
  const rule = { localAuthorityPlusOtherAgencies: 2, childrensSocialCareRoles: ['SOCIAL_WORKER', 'TEAM_MANAGER'] };
  const from = (agencyId: string | null, kind: string | null, role = 'PROFESSIONAL', isChair = false) => ({
    agencyId,
    kind,
    role,
    isChair,
  });
  const council = from('la', 'LOCAL_AUTHORITY', 'SOCIAL_WORKER');

  it('is quorate with children’s social care and two other agencies', () => {
    expect(assessQuorum(rule, [council, from('police', 'POLICE'), from('nhs', 'HEALTH')]).quorate).toBe(true);
  });

  it('counts health once however many health bodies attend, and nobody without an agency', () => {
    const result = assessQuorum(rule, [
      council,
      from('gp-practice', 'HEALTH'),
      from('community-trust', 'HEALTH'),
      from(null, null),
    ]);
    expect(result.quorate).toBe(false);
    expect(result.explanation).toMatch(/1 other agency/);
  });

  it('counts two different voluntary organisations as two, and two people from one as one', () => {
    expect(assessQuorum(rule, [council, from('womens-aid', 'VOLUNTARY'), from('barnardos', 'VOLUNTARY')]).quorate).toBe(
      true,
    );
    expect(
      assessQuorum(rule, [council, from('womens-aid', 'VOLUNTARY'), from('womens-aid', 'VOLUNTARY')]).quorate,
    ).toBe(false);
  });

  it('is not quorate without children’s social care', () => {
    expect(
      assessQuorum(rule, [from('police', 'POLICE'), from('nhs', 'HEALTH'), from('school', 'EDUCATION')]).quorate,
    ).toBe(false);
  });

  it('never counts the chair, and counts as children’s social care only the social worker or their manager', () => {
    const chair = from('la', 'LOCAL_AUTHORITY', 'CHAIR', true);
    const others = [from('police', 'POLICE'), from('nhs', 'HEALTH')];
    expect(assessQuorum(rule, [chair, ...others]).quorate).toBe(false);
    expect(assessQuorum(rule, [chair, from('la', 'LOCAL_AUTHORITY', 'EDUCATION'), ...others]).quorate).toBe(false);
    expect(assessQuorum(rule, [chair, from('la', 'LOCAL_AUTHORITY', 'TEAM_MANAGER'), ...others]).quorate).toBe(true);
    expect(assessQuorum(rule, [from('police', 'POLICE', 'CHAIR', true), council, from('nhs', 'HEALTH')]).quorate).toBe(
      false,
    );
  });
});
