import { keepApartBreaches } from './keep-apart';

describe('keepApartBreaches', () => {
  const sessions = [
    { id: 's1', position: 0 },
    { id: 's2', position: 1 },
  ];
  const rule = { id: 'r1', personIds: ['mother', 'father'] };
  it('finds both people in one session', () => {
    expect(
      keepApartBreaches(
        [rule],
        [
          { personId: 'mother', sessionIds: ['s1', 's2'] },
          { personId: 'father', sessionIds: ['s2'] },
        ],
        sessions,
      ),
    ).toEqual([{ ruleId: 'r1', sessionIndex: 1 }]);
  });
  it('accepts a split meeting that keeps them apart', () => {
    expect(
      keepApartBreaches(
        [rule],
        [
          { personId: 'mother', sessionIds: ['s1'] },
          { personId: 'father', sessionIds: ['s2'] },
        ],
        sessions,
      ),
    ).toEqual([]);
  });
});
