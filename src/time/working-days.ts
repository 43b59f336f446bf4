import { DateTime } from 'luxon';
import { isEnglandAndWalesBankHoliday } from './bank-holidays';
import type { IsoDate } from './london';

const parse = (date: IsoDate) => DateTime.fromISO(date, { zone: 'UTC' });
const format = (date: DateTime) => date.toISODate()!;

export function addDays(date: IsoDate, days: number): IsoDate {
  return format(parse(date).plus({ days }));
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return format(parse(date).plus({ weeks }));
}

/** Calendar months, clamped to the end of a shorter month (31 August + 6 months = 28 February). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return format(parse(date).plus({ months }));
}

/**
 * Monday to Friday, less bank holidays and any local closure days. Counting follows the convention in
 * DOMAIN.md §5: "within N working days of X" makes X day 0 and the next working day day 1; a non-working X
 * ranks as the working day before it.
 */
export class WorkingDayCalendar {
  private readonly closures: ReadonlySet<IsoDate>;

  constructor(
    extraClosureDays: Iterable<IsoDate> = [],
    private readonly isHoliday: (date: IsoDate) => boolean = isEnglandAndWalesBankHoliday,
  ) {
    this.closures = new Set(extraClosureDays);
  }

  isWorkingDay(date: IsoDate): boolean {
    const weekday = parse(date).weekday; // 1 = Monday … 7 = Sunday
    return weekday <= 5 && !this.isHoliday(date) && !this.closures.has(date);
  }

  addWorkingDays(from: IsoDate, n: number): IsoDate {
    let date = from;
    let counted = 0;
    while (counted < n) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return date;
  }

  /** The working day on or before the date. */
  onOrBefore(date: IsoDate): IsoDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** How many working days after `from` `to` falls (0 when on or before). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}

/** The statutory calendar plus a deployment's closure days. */
export function englandAndWalesCalendar(extraClosureDays: Iterable<IsoDate> = []): WorkingDayCalendar {
  return new WorkingDayCalendar(extraClosureDays);
}
