import { englandAndWalesBankHolidays } from './bank-holidays';
import { IsoDate, isIsoDate } from './london';

/*
 * Calendar arithmetic on `YYYY-MM-DD` dates. A statutory date has no time and no zone, so the maths runs on day
 * numbers (days since 1970-01-01) and never meets a clock change or the server's time zone.
 */

const MS_PER_DAY = 86_400_000;

function dayNumberOf(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`${String(date)} is not a date (YYYY-MM-DD)`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

function dateOfDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return weekday === 0 || weekday === 6;
}

function requireWhole(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, not ${n}`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  requireWhole(days, 'days');
  return dateOfDayNumber(dayNumberOf(date) + days);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  requireWhole(weeks, 'weeks');
  return addDays(date, weeks * 7);
}

/**
 * Calendar months, clamped to the end of a shorter month: 31 August + 6 months = 28 February. "Not more than
 * 3 months / 6 months" (Care Planning Regulations 2010 reg 33(2); Working Together) is counted this way, not as
 * 91 or 183 days (DOMAIN.md §1.6).
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  requireWhole(months, 'months');
  dayNumberOf(date); // validates
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12; // 0 = January
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return dateOfDayNumber(Date.UTC(year, month, day) / MS_PER_DAY);
}

/**
 * Monday to Friday, less the given non-working days (bank holidays, local closures).
 *
 * Counting follows DOMAIN.md §5 (as the Standard Safeguarding Dataset ranks days for the CIN census): "within N
 * working days of X" makes X day 0 and the next working day day 1; an X that is not a working day ranks as the
 * working day before it.
 */
export class WorkingDayCalendar {
  private readonly nonWorkingDays: ReadonlySet<number>;

  constructor(nonWorkingDays: Iterable<IsoDate>) {
    this.nonWorkingDays = new Set(Array.from(nonWorkingDays, dayNumberOf));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorking(dayNumberOf(date));
  }

  /** The working day on or before a date: the rank a non-working day takes (DOMAIN.md §5). */
  workingDayOnOrBefore(date: IsoDate): IsoDate {
    return dateOfDayNumber(this.rankDay(dayNumberOf(date)));
  }

  /** The working day on or after a date. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    let day = dayNumberOf(date);
    while (!this.isWorking(day)) day += 1;
    return dateOfDayNumber(day);
  }

  /**
   * Working day `n` counting `from` as day 0: `addWorkingDays(Friday 18 December 2026, 5)` is Tuesday 29 December
   * (21, 22, 23, 24, then 29: Christmas Day and the Boxing Day substitute on 28 December are skipped). A negative
   * `n` counts back from the working day `from` ranks as.
   */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    requireWhole(n, 'n');
    let day = this.rankDay(dayNumberOf(from));
    const step = n < 0 ? -1 : 1;
    for (let counted = 0; counted < Math.abs(n);) {
      day += step;
      if (this.isWorking(day)) counted += 1;
    }
    return dateOfDayNumber(day);
  }

  /**
   * How many working days `to` comes after `from` on the same count (negative when earlier), so that
   * `addWorkingDays(from, workingDaysBetween(from, to))` is `to`, or the working day before a non-working `to`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = this.rankDay(dayNumberOf(from));
    const end = this.rankDay(dayNumberOf(to));
    const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) if (this.isWorking(day)) count += 1;
    return sign * count;
  }

  private isWorking(day: number): boolean {
    return !isWeekend(day) && !this.nonWorkingDays.has(day);
  }

  private rankDay(day: number): number {
    let ranked = day;
    while (!this.isWorking(ranked)) ranked -= 1;
    return ranked;
  }
}

/**
 * The statutory calendar: England and Wales bank holidays, substitute days included (DOMAIN.md §5), plus any
 * local closure days a deployment configures. Statutory timescales use it without closures: whether a council's
 * Christmas shutdown may stop a statutory clock is unconfirmed (DOMAIN.md §5).
 */
export function englandAndWalesCalendar(extraClosureDays: Iterable<IsoDate> = []): WorkingDayCalendar {
  return new WorkingDayCalendar([...englandAndWalesBankHolidays(), ...extraClosureDays]);
}
