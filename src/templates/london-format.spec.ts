import { londonDate, londonDateTime, londonShortDate, londonTime, londonTimeRange, toInstant } from './london-format';

describe('London formatting for people', () => {
  it('shows London wall-clock time in summer and winter, labelled UK time', () => {
    expect(londonDateTime(new Date('2026-07-01T09:00:00Z'))).toBe('Wednesday 1 July 2026, 10:00 (UK time)');
    expect(londonDateTime(new Date('2026-12-03T10:00:00Z'))).toBe('Thursday 3 December 2026, 10:00 (UK time)');
    expect(londonTime(new Date('2026-03-29T09:00:00Z'))).toBe('10:00'); // the day the clocks go forward
    expect(londonTime(new Date('2026-10-25T10:00:00Z'))).toBe('10:00'); // the day they go back
  });

  it('names one day for a session within a day, and both days for one that passes midnight', () => {
    expect(londonTimeRange(new Date('2026-07-01T09:00:00Z'), new Date('2026-07-01T10:30:00Z'))).toBe('Wednesday 1 July 2026, 10:00 to 11:30 (UK time)');
    expect(londonTimeRange(new Date('2026-12-03T23:00:00Z'), new Date('2026-12-04T00:30:00Z'))).toBe('Thursday 3 December 2026, 23:00 to Friday 4 December 2026, 00:30 (UK time)');
  });

  it('writes short dates with fixed English abbreviations, on the London date', () => {
    expect(londonShortDate(new Date('2026-09-03T10:00:00Z'))).toBe('Thu 3 Sep 2026');
    expect(londonShortDate(new Date('2026-07-01T23:30:00Z'))).toBe('Thu 2 Jul 2026'); // 00:30 BST
  });

  it('takes calendar dates as they are and instants on their London date', () => {
    expect(londonDate('2026-12-03')).toBe('Thursday 3 December 2026');
    expect(londonDate('2026-07-01T23:30:00Z')).toBe('Thursday 2 July 2026');
    expect(() => londonDate('2026-02-30')).toThrow(RangeError);
    expect(() => toInstant('tomorrow')).toThrow(RangeError);
  });
  it('gives each format its own answer for the same instant, however often it is asked', () => {
    const instant = new Date('2026-12-03T23:00:00Z');
    for (let i = 0; i < 3; i++) {
      expect(londonTime(instant)).toBe('23:00');
      expect(londonShortDate(instant)).toBe('Thu 3 Dec 2026');
      expect(londonDateTime(instant)).toBe('Thursday 3 December 2026, 23:00 (UK time)');
      expect(londonTimeRange(instant, new Date('2026-12-04T00:30:00Z'))).toBe('Thursday 3 December 2026, 23:00 to Friday 4 December 2026, 00:30 (UK time)');
      expect(londonTimeRange(instant, new Date('2026-12-03T23:30:00Z'))).toBe('Thursday 3 December 2026, 23:00 to 23:30 (UK time)');
    }
    expect(() => londonDateTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => londonDateTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('the hour the clocks go back', () => {
  it('says BST or GMT where London shows a time twice, and nothing otherwise', () => {
    // Sunday 25 October 2026: 00:30Z is 01:30 BST, 01:30Z is 01:30 GMT.
    expect(londonTimeRange(new Date('2026-10-25T00:30:00Z'), new Date('2026-10-25T01:30:00Z'))).toBe('Sunday 25 October 2026, 01:30 BST to 01:30 GMT (UK time)');
    expect(londonDateTime(new Date('2026-10-25T01:15:00Z'))).toBe('Sunday 25 October 2026, 01:15 GMT (UK time)');
    expect(londonTimeRange(new Date('2026-10-25T09:00:00Z'), new Date('2026-10-25T10:00:00Z'))).toBe('Sunday 25 October 2026, 09:00 to 10:00 (UK time)');
    expect(londonTime(new Date('2026-03-29T01:30:00Z'))).toBe('02:30'); // spring: no time is shown twice
  });
});
