import { DateTime } from 'luxon';

/**
 * Quorum's one time zone. Wall-clock rules ("10:00 on the day of the MARAC") and statutory dates are London's,
 * whatever zone the server runs in (DESIGN.md "Time"): every function here names the zone and the locale.
 */
export const LONDON_ZONE = 'Europe/London';

/** A calendar date, `YYYY-MM-DD`, as statutes count them (no time, no zone). */
export type IsoDate = string;

/** People read dates in British English, whatever the server's locale. */
const LOCALE = 'en-GB';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a string is a real calendar date written `YYYY-MM-DD` (`2027-02-29` is not). */
export function isIsoDate(value: string): value is IsoDate {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** Whether a string is a wall-clock time written `HH:mm` on the 24-hour clock. */
export function isWallClockTime(value: string): boolean {
  return WALL_CLOCK_TIME.test(value);
}

function inLondon(instant: Date): DateTime {
  const value = DateTime.fromJSDate(instant, { zone: LONDON_ZONE }).setLocale(LOCALE);
  if (!value.isValid) throw new RangeError('Not a valid instant');
  return value;
}

/** London's calendar, read with the runtime's own time-zone data (what Luxon reads too), built once. */
const LONDON_CALENDAR = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  calendar: 'gregory',
  numberingSystem: 'latn',
});

/**
 * The calendar date in London of an instant: 23:30Z on a summer evening is already the next day in London. (Read
 * with one Intl formatter rather than a Luxon DateTime per call: the booking's hot path calls it for every slot and
 * every timescale, issue 24.)
 */
export function londonDateOf(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('Not a valid instant');
  let year = '';
  let month = '';
  let day = '';
  for (const part of LONDON_CALENDAR.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/**
 * The instant at which London's clocks show `time` (`HH:mm`) on `date`.
 *
 * - The hour the clocks skip (01:00–02:00 on the last Sunday of March) never happens: RangeError.
 * - The hour that happens twice (01:00–02:00 on the last Sunday of October) is read as the earlier, BST,
 *   instant: a deadline at the earlier reading can only be early, never late. (Luxon on its own picks the later.)
 */
export function atLondonWallClock(date: IsoDate, time: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`${String(date)} is not a date (YYYY-MM-DD)`);
  if (!isWallClockTime(time)) throw new RangeError(`${time} is not a time (HH:mm)`);
  const asIfUtc = DateTime.fromISO(`${date}T${time}`, { zone: 'UTC' });
  const wanted = asIfUtc.toFormat("yyyy-LL-dd'T'HH:mm");
  // London is UTC+1 (BST) or UTC+0 (GMT): the BST reading is the earlier instant, so it is tried first.
  for (const offsetHours of [1, 0]) {
    const candidate = asIfUtc.minus({ hours: offsetHours });
    if (candidate.setZone(LONDON_ZONE).toFormat("yyyy-LL-dd'T'HH:mm") === wanted) return candidate.toJSDate();
  }
  throw new RangeError(`${date} ${time} does not exist in London: the clocks go forward from 01:00 to 02:00`);
}

/** `Thursday 3 December 2026, 10:00 (UK time)`; `… 01:30 BST (UK time)` in the hour the clocks go back. */
export function formatLondon(instant: Date): string {
  return `${inLondon(instant).toFormat('cccc d LLLL yyyy')}, ${formatLondonTime(instant)} (UK time)`;
}

/** `10:00`, with ` BST` or ` GMT` when London shows that time twice that night (the last Sunday of October). */
export function formatLondonTime(instant: Date): string {
  const shown = inLondon(instant).toFormat('yyyy-LL-dd HH:mm');
  const hour = 3_600_000;
  const twice = [instant.getTime() - hour, instant.getTime() + hour].some(
    (t) => inLondon(new Date(t)).toFormat('yyyy-LL-dd HH:mm') === shown,
  );
  return twice ? `${shown.slice(11)} ${inLondon(instant).offset === 60 ? 'BST' : 'GMT'}` : shown.slice(11);
}

/** `Thursday 3 December 2026`: a calendar date as it is, or the London date of an instant. */
export function formatLondonDate(date: IsoDate | Date): string {
  if (date instanceof Date) return inLondon(date).toFormat('cccc d LLLL yyyy');
  if (!isIsoDate(date)) throw new RangeError(`${String(date)} is not a date (YYYY-MM-DD)`);
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale(LOCALE).toFormat('cccc d LLLL yyyy');
}
