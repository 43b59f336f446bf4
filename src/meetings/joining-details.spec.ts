import { joiningDetailsShown } from './joining-details';

describe('joiningDetailsShown', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('shows them for a scheduled session that has not ended', () => {
    expect(joiningDetailsShown('SCHEDULED', new Date('2026-12-03T12:00:01Z'), now)).toBe(true);
  });
  it('hides them once the session has ended, and for a cancelled meeting at any time', () => {
    expect(joiningDetailsShown('SCHEDULED', new Date('2026-12-03T12:00:00Z'), now)).toBe(false);
    expect(joiningDetailsShown('CANCELLED', new Date('2027-01-01T10:00:00Z'), now)).toBe(false);
  });
});
