import { DateTime } from 'luxon';

export const LONDON_ZONE = 'Europe/London';

/** A statutory date, `YYYY-MM-DD`, in London. */
export type IsoDate = string;

/** The calendar date in London of an instant (23:30Z on a summer day is already the next day in London). */
export function londonDateOf(instant: Date): IsoDate {
  return DateTime.fromJSDate(instant, { zone: LONDON_ZONE }).toISODate()!;
}

/**
 * The instant of a London wall-clock time on a date. The hour the clocks skip (01:00–02:00 on the last Sunday
 * of March) does not exist: RangeError. In the hour that happens twice (last Sunday of October) the earlier,
 * BST, instant is taken.
 */
export function atLondonWallClock(date: IsoDate, time: string): Date {
  const asUtc = DateTime.fromISO(`${date}T${time}`, { zone: 'UTC' });
  if (!asUtc.isValid) throw new RangeError(`${date} ${time} is not a valid London time`);
  const wanted = asUtc.toFormat("yyyy-LL-dd'T'HH:mm");
  // London is UTC+1 (BST) or UTC+0 (GMT): try the earlier instant first.
  for (const offsetHours of [1, 0]) {
    const candidate = asUtc.minus({ hours: offsetHours });
    if (candidate.setZone(LONDON_ZONE).toFormat("yyyy-LL-dd'T'HH:mm") === wanted) return candidate.toJSDate();
  }
  throw new RangeError(`${date} ${time} does not exist in London (the clocks go forward)`);
}

/** `Thursday 3 December 2026, 10:00 (UK time)` */
export function formatLondon(instant: Date): string {
  return `${DateTime.fromJSDate(instant, { zone: LONDON_ZONE }).toFormat("cccc d LLLL yyyy, HH:mm")} (UK time)`;
}

/** `10:00` */
export function formatLondonTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: LONDON_ZONE }).toFormat('HH:mm');
}

/** `Thursday 3 December 2026` */
export function formatLondonDate(date: IsoDate | Date): string {
  const value = typeof date === 'string' ? DateTime.fromISO(date, { zone: LONDON_ZONE }) : DateTime.fromJSDate(date, { zone: LONDON_ZONE });
  return value.toFormat('cccc d LLLL yyyy');
}
