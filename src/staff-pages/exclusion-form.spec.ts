import { readExclusionForm } from './exclusion-form';

describe('the "exclude from a part" form', () => {
  it('takes the only part the person is invited to, or the one chosen', () => {
    expect(readExclusionForm({ reason: ' Police intelligence ' }, [1]).input).toEqual({
      sessionIndex: 1,
      reason: 'Police intelligence',
    });
    expect(readExclusionForm({ session: '0', reason: 'x' }, [0, 1]).input).toEqual({ sessionIndex: 0, reason: 'x' });
  });

  it('names each field it cannot read', () => {
    expect(readExclusionForm({ session: '3', reason: ' ' }, [0, 1]).errors).toEqual({
      session: 'Choose the part they are excluded from',
      reason: 'Enter why they are excluded',
    });
    expect(readExclusionForm({ reason: 'x'.repeat(2001) }, [0]).errors).toEqual({
      reason: 'The reason must be 2000 characters or fewer',
    });
    expect(readExclusionForm({ reason: 'x' }, []).errors).toEqual({
      session: 'Choose the part they are excluded from',
    });
  });
});
