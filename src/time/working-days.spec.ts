import fc from 'fast-check';
import { addCalendarMonths, addDays, addWeeks, englandAndWalesCalendar, WorkingDayCalendar } from './working-days';

const calendar = englandAndWalesCalendar();

describe('working days (DOMAIN.md §5: X is day 0; a non-working X ranks as the working day before it)', () => {
  it('skips weekends, Christmas Day and the Boxing Day substitute', () => {
    // Fri 18 Dec 2026 = day 0; 21, 22, 23, 24 = days 1–4; 25 (Christmas), 26–27 (weekend), 28 (substitute) skipped.
    expect(calendar.addWorkingDays('2026-12-18', 5)).toBe('2026-12-29');
  });

  it('counts 15 working days from 14 December 2026 across Christmas and New Year', () => {
    // 15–18, 21–24 (8), 29–31 (11), 1 Jan skipped, 4–7 Jan (15)
    expect(calendar.addWorkingDays('2026-12-14', 15)).toBe('2027-01-07');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(calendar.addWorkingDays('2027-03-01', 20)).toBe('2027-03-31'); // 26 and 29 March 2027
    expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });

  it('ranks a weekend or holiday start as the working day before it', () => {
    expect(calendar.workingDayOnOrBefore('2026-12-27')).toBe('2026-12-24');
    expect(calendar.addWorkingDays('2026-12-26', 1)).toBe('2026-12-29'); // Saturday ranks as Thu 24th; day 1 is Tue 29th
    expect(calendar.addWorkingDays('2026-12-26', 0)).toBe('2026-12-24');
    expect(calendar.workingDayOnOrAfter('2026-12-25')).toBe('2026-12-29');
  });

  it('counts back with a negative number', () => {
    // Mon 4 Jan 2027 = day 0; 1 Jan is New Year's Day; 31, 30, 29 Dec are days −1, −2, −3; 28 and 25 Dec are holidays.
    expect(calendar.addWorkingDays('2027-01-04', -3)).toBe('2026-12-29');
    expect(calendar.addWorkingDays('2027-01-04', -4)).toBe('2026-12-24');
  });

  it('counts the working days between two dates on the same convention', () => {
    expect(calendar.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4); // 29, 30, 31 Dec, 4 Jan
    expect(calendar.workingDaysBetween('2027-01-04', '2026-12-24')).toBe(-4);
    expect(calendar.workingDaysBetween('2026-12-14', '2027-01-07')).toBe(15);
    expect(calendar.workingDaysBetween('2026-12-25', '2026-12-28')).toBe(0); // both rank as Thu 24th
  });

  it('addWorkingDays and workingDaysBetween agree for any date and count', () => {
    const dates = fc.integer({ min: 0, max: 365 * 12 }).map((offset) => addDays('2018-01-01', offset));
    fc.assert(
      fc.property(dates, fc.integer({ min: -60, max: 60 }), (from, n) => {
        const to = calendar.addWorkingDays(from, n);
        return calendar.isWorkingDay(to) && calendar.workingDaysBetween(from, to) === n;
      }),
    );
  });

  it('treats the given days, and only weekends besides, as non-working', () => {
    const closedAtChristmas = englandAndWalesCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);
    expect(closedAtChristmas.addWorkingDays('2026-12-24', 1)).toBe('2027-01-04');
    const bare = new WorkingDayCalendar(['2026-12-25']);
    expect(bare.isWorkingDay('2026-12-25')).toBe(false);
    expect(bare.isWorkingDay('2026-12-28')).toBe(true);
    expect(bare.isWorkingDay('2026-12-26')).toBe(false);
  });

  it('refuses a date that is not YYYY-MM-DD and a fractional count', () => {
    expect(() => calendar.isWorkingDay('2026-12-32')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-12-01', 1.5)).toThrow(RangeError);
    expect(() => new WorkingDayCalendar(['25/12/2026'])).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('adds calendar months, clamped to the month end', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29'); // leap year
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-12-14', 3)).toBe('2027-03-14');
    expect(addCalendarMonths('2027-01-31', -2)).toBe('2026-11-30');
  });

  it('adds days and weeks across month, year and clock-change boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addWeeks('2027-01-05', 4)).toBe('2027-02-02');
    expect(addWeeks('2026-10-20', 1)).toBe('2026-10-27');
  });
});
