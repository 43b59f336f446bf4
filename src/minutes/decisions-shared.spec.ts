import { decisionsSharedAt } from './decisions-shared';

describe('decisionsSharedAt', () => {
  const now = new Date('2027-01-07T12:00:00Z');
  const decision = { text: 'Plan continues', rationale: 'Needs met' };

  it('is set when the decisions section is marked final with a decision in it, not when decisions are only drafted', () => {
    expect(decisionsSharedAt(null, { decisions: [decision] }, now)).toBeNull();
    expect(decisionsSharedAt(null, { decisions: [], decisionsFinal: true }, now)).toBeNull();
    expect(decisionsSharedAt(null, { decisions: [decision], decisionsFinal: true }, now)).toEqual(now);
  });

  it('is set at distribution at the latest, and never moves once set', () => {
    expect(decisionsSharedAt(null, { decisions: [decision] }, now, true)).toEqual(now);
    const earlier = new Date('2027-01-06T16:00:00Z');
    expect(decisionsSharedAt(earlier, { decisions: [decision], decisionsFinal: true }, now, true)).toBe(earlier);
  });
});
