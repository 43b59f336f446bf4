import { assessQuorum } from './quorum';

describe('assessQuorum', () => {
  const rule = { localAuthorityPlusOtherAgencies: 2 };
  it('is quorate with children’s social care and two other agencies', () => {
    expect(assessQuorum(rule, ['LOCAL_AUTHORITY', 'POLICE', 'HEALTH']).quorate).toBe(true);
  });
  it('counts health once however many health professionals attend', () => {
    const result = assessQuorum(rule, ['LOCAL_AUTHORITY', 'HEALTH', 'HEALTH', null]);
    expect(result.quorate).toBe(false);
    expect(result.explanation).toMatch(/1 other agency/);
  });
  it('is not quorate without children’s social care', () => {
    expect(assessQuorum(rule, ['POLICE', 'HEALTH', 'EDUCATION']).quorate).toBe(false);
  });
});
