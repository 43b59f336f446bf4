import { Clock, FixedClock, SystemClock } from './clock';

describe('Clock', () => {
  it('a fixed clock stands still until set or moved on', () => {
    const clock: Clock = new FixedClock(new Date('2026-12-10T10:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-10T10:00:00.000Z');
    (clock as FixedClock).advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-12-10T11:30:00.000Z');
    (clock as FixedClock).set(new Date('2027-01-04T09:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('cannot be moved by changing a Date it handed out or was given', () => {
    const start = new Date('2026-12-10T10:00:00Z');
    const clock = new FixedClock(start);
    start.setUTCFullYear(2030);
    clock.now().setUTCFullYear(2031);
    expect(clock.now().toISOString()).toBe('2026-12-10T10:00:00.000Z');
  });

  it('refuses an invalid instant', () => {
    expect(() => new FixedClock(new Date('not a date'))).toThrow(RangeError);
  });

  it('the system clock tells the real time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
