import { atLondonWallClock, formatLondon, formatLondonDate, formatLondonTime, isIsoDate, londonDateOf } from './london';

describe('London time', () => {
  it('reads 10:00 as 09:00Z in summer and 10:00Z in winter, either side of both clock changes', () => {
    expect(atLondonWallClock('2026-03-28', '10:00').toISOString()).toBe('2026-03-28T10:00:00.000Z');
    expect(atLondonWallClock('2026-03-29', '10:00').toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(atLondonWallClock('2026-10-24', '10:00').toISOString()).toBe('2026-10-24T09:00:00.000Z');
    expect(atLondonWallClock('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });

  it('refuses a time in the hour the clocks skip in March', () => {
    expect(() => atLondonWallClock('2026-03-29', '01:30')).toThrow(RangeError);
    expect(() => atLondonWallClock('2026-03-29', '01:00')).toThrow(RangeError);
    expect(atLondonWallClock('2026-03-29', '00:59').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(atLondonWallClock('2026-03-29', '02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier, BST, reading of the hour that happens twice in October', () => {
    expect(atLondonWallClock('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(atLondonWallClock('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('refuses dates and times that are not written as YYYY-MM-DD and HH:mm', () => {
    expect(() => atLondonWallClock('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => atLondonWallClock('2026-12-10', '9:00')).toThrow(RangeError);
    expect(() => atLondonWallClock('2026-12-10', '24:00')).toThrow(RangeError);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-2-28')).toBe(false);
  });

  it('gives the London date of an instant near midnight', () => {
    expect(londonDateOf(new Date('2027-03-31T23:30:00Z'))).toBe('2027-04-01'); // 00:30 BST
    expect(londonDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // 23:30 GMT
  });

  it('formats instants and dates for people in UK time', () => {
    expect(formatLondon(new Date('2026-12-03T10:00:00Z'))).toBe('Thursday 3 December 2026, 10:00 (UK time)');
    expect(formatLondon(new Date('2026-07-01T09:00:00Z'))).toBe('Wednesday 1 July 2026, 10:00 (UK time)');
    expect(formatLondonTime(new Date('2026-07-01T13:05:00Z'))).toBe('14:05');
    expect(formatLondonDate('2026-12-03')).toBe('Thursday 3 December 2026');
    expect(formatLondonDate(new Date('2027-03-31T23:30:00Z'))).toBe('Thursday 1 April 2027');
  });
});

describe('formatLondon in the hour the clocks go back', () => {
  it('names the zone only where the time is ambiguous', () => {
    expect(formatLondon(new Date('2026-10-25T00:30:00Z'))).toBe('Sunday 25 October 2026, 01:30 BST (UK time)');
    expect(formatLondonTime(new Date('2026-10-25T01:30:00Z'))).toBe('01:30 GMT');
    expect(formatLondonTime(new Date('2026-10-25T02:30:00Z'))).toBe('02:30');
  });
});
