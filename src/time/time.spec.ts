import { isEnglandAndWalesBankHoliday } from './bank-holidays';
import { atLondonWallClock, formatLondon, londonDateOf } from './london';
import { addCalendarMonths, englandAndWalesCalendar, WorkingDayCalendar } from './working-days';

describe('England and Wales bank holidays', () => {
  it.each([
    ['2026-12-25', true], ['2026-12-28', true], ['2026-12-29', false], // Boxing Day on a Saturday: substitute Monday
    ['2027-12-27', true], ['2027-12-28', true], // both on the weekend
    ['2020-05-08', true], ['2020-05-04', false], // VE Day replaced the early May holiday
    ['2022-06-02', true], ['2022-06-03', true], ['2022-09-19', true], ['2023-05-08', true],
    ['2026-04-03', true], ['2026-04-06', true], ['2026-05-04', true], ['2026-05-25', true], ['2026-08-31', true],
  ])('%s is a bank holiday: %s', (date, expected) => {
    expect(isEnglandAndWalesBankHoliday(date)).toBe(expected);
  });
});

describe('working days', () => {
  const calendar = englandAndWalesCalendar();
  it('counts 15 working days from a strategy discussion across Christmas and New Year', () => {
    expect(calendar.addWorkingDays('2026-12-14', 15)).toBe('2027-01-07');
  });
  it('skips Good Friday and Easter Monday', () => {
    expect(calendar.addWorkingDays('2027-03-01', 20)).toBe('2027-03-31');
  });
  it('treats configured closure days as non-working', () => {
    const closed = new WorkingDayCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);
    expect(closed.addWorkingDays('2026-12-24', 1)).toBe('2027-01-04');
  });
  it('ranks a weekend date as the Friday before', () => {
    expect(calendar.onOrBefore('2026-12-27')).toBe('2026-12-24');
    expect(calendar.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
  });
  it('adds calendar months, clamped to the month end', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('London time', () => {
  it('is correct either side of the clock changes, whatever the server zone', () => {
    expect(atLondonWallClock('2026-03-28', '10:00').toISOString()).toBe('2026-03-28T10:00:00.000Z');
    expect(atLondonWallClock('2026-03-29', '10:00').toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(atLondonWallClock('2026-10-24', '10:00').toISOString()).toBe('2026-10-24T09:00:00.000Z');
    expect(atLondonWallClock('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });
  it('refuses the hour that does not exist and takes the earlier of the hour that happens twice', () => {
    expect(() => atLondonWallClock('2026-03-29', '01:30')).toThrow(RangeError);
    expect(atLondonWallClock('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
  it('gives the London date of a late summer evening', () => {
    expect(londonDateOf(new Date('2027-03-31T23:30:00Z'))).toBe('2027-04-01');
    expect(londonDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
  it('formats for people in UK time', () => {
    expect(formatLondon(new Date('2026-07-01T09:00:00Z'))).toBe('Wednesday 1 July 2026, 10:00 (UK time)');
  });
});
