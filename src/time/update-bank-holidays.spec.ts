import { BankHolidayDivision } from './bank-holidays';
import { mergeBankHolidayLists } from './update-bank-holidays';

const division = (...events: [string, string][]): BankHolidayDivision => ({
  division: 'england-and-wales',
  events: events.map(([date, title]) => ({ title, date, notes: '', bunting: true })),
});

describe('refreshing the shipped list from gov.uk', () => {
  it('lets the feed decide the years it lists and keeps the years it no longer or not yet lists', () => {
    const shipped = division(
      ['2018-12-25', 'Christmas Day'],
      ['2026-05-25', 'Spring bank holiday'],
      ['2028-12-25', 'Christmas Day'],
    );
    const fetched = division(['2026-06-01', 'Spring bank holiday (moved)'], ['2026-12-25', 'Christmas Day']);
    expect(mergeBankHolidayLists(shipped, fetched).events.map((e) => e.date)).toEqual([
      '2018-12-25',
      '2026-06-01',
      '2026-12-25',
      '2028-12-25',
    ]);
  });
});
