import Holidays from 'date-holidays';
import type { IsoDate } from './london';

/**
 * England and Wales bank holidays (Banking and Financial Dealings Act 1971 and royal proclamations), with
 * substitute days and the one-off days (VE Day 2020 replacing 4 May, the 2022 jubilee and state funeral,
 * the 2023 coronation). `date-holidays` keeps the rules and the proclamations; it is updated with the package.
 * Good Friday and Christmas Day are common-law holidays, not bank holidays, but are not working days either.
 */
const holidays = new Holidays('GB', 'ENG');
const byYear = new Map<number, ReadonlySet<IsoDate>>();

export function englandAndWalesBankHolidaysIn(year: number): ReadonlySet<IsoDate> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

export function isEnglandAndWalesBankHoliday(date: IsoDate): boolean {
  return englandAndWalesBankHolidaysIn(Number(date.slice(0, 4))).has(date);
}
