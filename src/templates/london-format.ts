import { DateTime } from 'luxon';

/**
 * How emails and calendar text show time to people: London wall-clock time, labelled "UK time", in British
 * English, whatever zone and locale the server runs in. Output matches `src/time/london.ts` (formatLondon,
 * formatLondonTime, formatLondonDate) word for word; it lives here so that rendering depends on luxon only.
 */
const LONDON_ZONE = 'Europe/London';
const LOCALE = 'en-GB';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Fixed English abbreviations: ICU's en-GB writes "Sept", en-US "Sep", and a subject line should not change
// with the Node build.
const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The last few thousand strings made, by what they were made from: an invite run writes the same session times into
 * every participant's email, calendar text and title, and luxon's zone-and-locale formatting is the dearest part of
 * composing a message.
 */
const made = new Map<string, string>();
const MADE_LIMIT = 4096;
function remembered(key: string, make: () => string): string {
  let text = made.get(key);
  if (text === undefined) {
    text = make();
    if (made.size >= MADE_LIMIT) made.delete(made.keys().next().value as string);
    made.set(key, text);
  }
  return text;
}

function inLondon(instant: Date): DateTime {
  const value = DateTime.fromJSDate(instant, { zone: LONDON_ZONE }).setLocale(LOCALE);
  if (!value.isValid) throw new RangeError('Not a valid instant');
  return value;
}

/**
 * `HH:mm`, with ` BST` or ` GMT` when London shows that time twice that night (01:00–01:59 on the last Sunday of
 * October): a session 00:30Z–01:30Z reads "01:30 BST to 01:30 GMT", not "01:30 to 01:30" (issue 17).
 */
function wallClock(instant: Date): string {
  const shown = inLondon(instant);
  const hour = 3_600_000;
  const twice = [instant.getTime() - hour, instant.getTime() + hour].some((t) => inLondon(new Date(t)).toFormat('yyyy-LL-dd HH:mm') === shown.toFormat('yyyy-LL-dd HH:mm'));
  return twice ? `${shown.toFormat('HH:mm')} ${shown.offset === 60 ? 'BST' : 'GMT'}` : shown.toFormat('HH:mm');
}

/** A `Date`, or an ISO 8601 instant (`2026-12-03T10:00:00Z`), as a `Date`; anything else is an error, not "Invalid Date". */
export function toInstant(value: Date | string): Date {
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return instant;
}

/** `Thursday 3 December 2026, 10:00 (UK time)` */
export function londonDateTime(instant: Date): string {
  return remembered(`dt ${instant.getTime()}`, () => `${inLondon(instant).toFormat('cccc d LLLL yyyy')}, ${wallClock(instant)} (UK time)`);
}

/** `10:00` */
export function londonTime(instant: Date): string {
  return remembered(`t ${instant.getTime()}`, () => wallClock(instant));
}

/** `Thursday 3 December 2026`: the London date of an instant, or a calendar date (`YYYY-MM-DD`) as it is. */
export function londonDate(value: Date | string): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    const date = DateTime.fromISO(value, { zone: 'UTC' }).setLocale(LOCALE);
    if (!date.isValid) throw new RangeError(`Not a date: ${value}`);
    return date.toFormat('cccc d LLLL yyyy');
  }
  return inLondon(toInstant(value)).toFormat('cccc d LLLL yyyy');
}

/**
 * `Thursday 3 December 2026, 10:00 to 11:30 (UK time)`; a session that runs past London midnight names both days:
 * `Thursday 3 December 2026, 23:00 to Friday 4 December 2026, 00:30 (UK time)`.
 */
export function londonTimeRange(start: Date, end: Date): string {
  return remembered(`r ${start.getTime()} ${end.getTime()}`, () => timeRange(start, end));
}

function timeRange(start: Date, end: Date): string {
  const from = inLondon(start);
  const to = inLondon(end);
  const sameDay = from.toISODate() === to.toISODate();
  const until = sameDay ? wallClock(end) : `${to.toFormat('cccc d LLLL yyyy')}, ${wallClock(end)}`;
  return `${from.toFormat('cccc d LLLL yyyy')}, ${wallClock(start)} to ${until} (UK time)`;
}

/** `Thu 3 Dec 2026`: the London date of an instant, short enough for a calendar title. */
export function londonShortDate(instant: Date): string {
  return remembered(`sd ${instant.getTime()}`, () => {
    const day = inLondon(instant);
    return `${SHORT_WEEKDAYS[day.weekday - 1]} ${day.day} ${SHORT_MONTHS[day.month - 1]} ${day.year}`;
  });
}
