import Holidays from 'date-holidays';
import shippedJson from './bank-holidays.england-and-wales.json';
import { IsoDate, isIsoDate } from './london';

/**
 * England and Wales bank holidays: Banking and Financial Dealings Act 1971, s1 and Sch 1, with the substitute
 * weekdays and the days moved or added by royal proclamation (DOMAIN.md §5). Good Friday and Christmas Day are
 * common-law holidays rather than bank holidays, but gov.uk lists them and they are not working days either.
 *
 * Two sources, the official one first:
 * 1. `bank-holidays.england-and-wales.json`, a copy of the `england-and-wales` division of
 *    https://www.gov.uk/bank-holidays.json (refresh it with `ts-node src/time/update-bank-holidays.ts`). It decides
 *    every year it covers, so the one-off days are right: 8 May 2020 (VE Day) replacing 4 May, 2 and 3 June 2022,
 *    19 September 2022, 8 May 2023.
 * 2. `date-holidays` (GB, ENG; public and bank types) for the years the list does not cover. It knows the standing
 *    rules and substitute days but can miss a proclamation (it has no 2002 Golden Jubilee, 2011 royal wedding or
 *    4 June 2012), so it only fills in around the list.
 */

/** One event of the gov.uk feed. */
export interface BankHolidayEvent {
  title: string;
  date: IsoDate;
  /** `Substitute day` when the holiday fell at a weekend and moves to a weekday; otherwise empty. */
  notes: string;
  bunting: boolean;
}

/** A division of https://www.gov.uk/bank-holidays.json. */
export interface BankHolidayDivision {
  division: 'england-and-wales';
  events: BankHolidayEvent[];
}

/** The years `date-holidays` fills in where the shipped list stops (a calendar needs a finite set of days). */
export const RULE_BASED_YEARS = { from: 2000, to: 2060 } as const;

/** Checks the shape of a division read from JSON, naming the first thing wrong with it. */
export function parseBankHolidayDivision(json: unknown): BankHolidayDivision {
  if (!isRecord(json) || json.division !== 'england-and-wales' || !Array.isArray(json.events)) {
    throw new TypeError('Expected { "division": "england-and-wales", "events": [...] }');
  }
  const events = json.events.map((event: unknown, index): BankHolidayEvent => {
    if (
      !isRecord(event) ||
      typeof event.title !== 'string' ||
      typeof event.date !== 'string' ||
      !isIsoDate(event.date) ||
      typeof event.notes !== 'string' ||
      typeof event.bunting !== 'boolean'
    ) {
      throw new TypeError(`events[${index}] must have a title, a YYYY-MM-DD date, notes and bunting`);
    }
    return { title: event.title, date: event.date, notes: event.notes, bunting: event.bunting };
  });
  return { division: 'england-and-wales', events: events.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** The list shipped with Quorum (checked when this module loads). */
export const SHIPPED_BANK_HOLIDAYS: BankHolidayDivision = parseBankHolidayDivision(shippedJson);

/** The years a division covers: a gov.uk division always lists whole years. */
export function yearsCoveredBy(division: BankHolidayDivision): ReadonlySet<number> {
  return new Set(division.events.map((event) => yearOf(event.date)));
}

/** The last date the shipped list vouches for: alert before it runs out (DOMAIN.md §5). */
export function shippedListCoversUntil(): IsoDate {
  return `${Math.max(...yearsCoveredBy(SHIPPED_BANK_HOLIDAYS))}-12-31`;
}

const rules = new Holidays('GB', 'ENG');

/**
 * The bank holidays `date-holidays` computes for a year, as the weekdays on which they are kept: a holiday that
 * falls at a weekend is kept on its substitute weekday (1971 Act Sch 1), and gov.uk lists only that weekday.
 */
export function ruleBasedBankHolidays(year: number): IsoDate[] {
  return rules
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
    .map((holiday) => holiday.date.slice(0, 10))
    .filter((date) => !isWeekend(date))
    .sort();
}

/**
 * The official list decides every year it covers; the rule engine fills the other years in `years`. Exported so
 * the precedence can be tested with a list that disagrees with the rules.
 */
export function combineBankHolidays(
  official: BankHolidayDivision,
  ruleBased: (year: number) => IsoDate[],
  years: { from: number; to: number } = RULE_BASED_YEARS,
): ReadonlySet<IsoDate> {
  const covered = yearsCoveredBy(official);
  const days = new Set(official.events.map((event) => event.date));
  for (let year = years.from; year <= years.to; year += 1) {
    if (!covered.has(year)) for (const date of ruleBased(year)) days.add(date);
  }
  return days;
}

let allDays: ReadonlySet<IsoDate> | undefined;

/** Every England and Wales bank holiday Quorum knows: the shipped list where it covers the year, date-holidays around it. */
export function englandAndWalesBankHolidays(): ReadonlySet<IsoDate> {
  allDays ??= combineBankHolidays(SHIPPED_BANK_HOLIDAYS, ruleBasedBankHolidays);
  return allDays;
}

export function isEnglandAndWalesBankHoliday(date: IsoDate): boolean {
  return englandAndWalesBankHolidays().has(date);
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return weekday === 0 || weekday === 6;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
