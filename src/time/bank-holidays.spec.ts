import {
  combineBankHolidays,
  englandAndWalesBankHolidays,
  parseBankHolidayDivision,
  ruleBasedBankHolidays,
  SHIPPED_BANK_HOLIDAYS,
  shippedListCoversUntil,
  yearsCoveredBy,
} from './bank-holidays';

const holidays = englandAndWalesBankHolidays();
const weekdayOf = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

describe('England and Wales bank holidays', () => {
  it.each([
    ['2026-12-25', 'Friday', true],
    ['2026-12-26', 'Saturday', false], // Boxing Day at a weekend is kept on the Monday…
    ['2026-12-28', 'Monday', true], // …its substitute day
    ['2026-12-29', 'Tuesday', false],
    ['2027-12-27', 'Monday', true], // Christmas Day (Saturday) substitute
    ['2027-12-28', 'Tuesday', true], // Boxing Day (Sunday) substitute
    ['2028-01-03', 'Monday', true], // New Year's Day (Saturday) substitute
    ['2020-05-04', 'Monday', false], // VE Day moved the early May holiday…
    ['2020-05-08', 'Friday', true], // …to the Friday
    ['2022-06-02', 'Thursday', true], // spring bank holiday moved for the Platinum Jubilee
    ['2022-06-03', 'Friday', true],
    ['2022-05-30', 'Monday', false], // the last Monday of May 2022 was not a holiday
    ['2022-09-19', 'Monday', true], // state funeral of Queen Elizabeth II
    ['2023-05-08', 'Monday', true], // coronation of King Charles III
    ['2026-04-03', 'Friday', true], // Good Friday
    ['2026-04-06', 'Monday', true], // Easter Monday
    ['2026-05-04', 'Monday', true],
    ['2026-05-25', 'Monday', true],
    ['2026-08-31', 'Monday', true],
  ])('%s (%s) is a bank holiday: %s', (date, weekday, expected) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(holidays.has(date)).toBe(expected);
  });

  it('ships the gov.uk list for 2018 to 2028: eight days a year, ten in 2022, nine in 2023, all weekdays', () => {
    const years = [...yearsCoveredBy(SHIPPED_BANK_HOLIDAYS)].sort();
    expect(years).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    for (const year of years) {
      const count = SHIPPED_BANK_HOLIDAYS.events.filter((e) => e.date.startsWith(`${year}-`)).length;
      expect([year, count]).toEqual([year, year === 2022 ? 10 : year === 2023 ? 9 : 8]);
    }
    for (const { date } of SHIPPED_BANK_HOLIDAYS.events)
      expect([date, weekdayOf(date)]).not.toEqual([date, expect.stringMatching(/^S/)]);
    expect(shippedListCoversUntil()).toBe('2028-12-31');
  });

  it('agrees with the date-holidays rule engine for every shipped year', () => {
    for (const year of yearsCoveredBy(SHIPPED_BANK_HOLIDAYS)) {
      const shipped = SHIPPED_BANK_HOLIDAYS.events.filter((e) => e.date.startsWith(`${year}-`)).map((e) => e.date);
      expect([year, shipped]).toEqual([year, ruleBasedBankHolidays(year)]);
    }
  });

  it('marks substitute days as gov.uk does', () => {
    const substitutes = SHIPPED_BANK_HOLIDAYS.events
      .filter((e) => e.notes === 'Substitute day')
      .map((e) => `${e.date} ${e.title}`);
    expect(substitutes).toEqual([
      '2020-12-28 Boxing Day',
      '2021-12-27 Christmas Day',
      '2021-12-28 Boxing Day',
      '2022-01-03 New Year’s Day',
      '2022-12-27 Christmas Day',
      '2023-01-02 New Year’s Day',
      '2026-12-28 Boxing Day',
      '2027-12-27 Christmas Day',
      '2027-12-28 Boxing Day',
      '2028-01-03 New Year’s Day',
    ]);
  });

  it('falls back to the rule engine beyond the shipped list, substitute days included', () => {
    expect(holidays.has('2029-01-01')).toBe(true);
    expect(holidays.has('2032-12-27')).toBe(true); // Boxing Day 2032 is a Sunday
    expect(holidays.has('2032-12-26')).toBe(false);
    expect(holidays.has('2017-12-25')).toBe(true);
  });

  it('lets the official list overrule the rule engine for the years it covers', () => {
    // A list that (wrongly, like SSD's) keeps 4 May 2020 and leaves out VE Day wins over the rules for 2020.
    const official = parseBankHolidayDivision({
      division: 'england-and-wales',
      events: [{ title: 'Early May bank holiday', date: '2020-05-04', notes: '', bunting: true }],
    });
    const days = combineBankHolidays(official, ruleBasedBankHolidays, { from: 2019, to: 2021 });
    expect([...days].filter((d) => d.startsWith('2020-'))).toEqual(['2020-05-04']);
    expect(days.has('2019-12-25')).toBe(true);
    expect(days.has('2021-12-27')).toBe(true);
    expect(days.has('2022-01-03')).toBe(false); // outside the years asked for
  });

  it('refuses a list that is not in the gov.uk shape', () => {
    expect(() => parseBankHolidayDivision({ division: 'scotland', events: [] })).toThrow(TypeError);
    expect(() =>
      parseBankHolidayDivision({
        division: 'england-and-wales',
        events: [{ title: 'Boxing Day', date: '26/12/2026', notes: '', bunting: true }],
      }),
    ).toThrow('events[0]');
  });
});
