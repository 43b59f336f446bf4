/**
 * The one clock (STYLE.md "one way to do each thing"). Services ask it the time instead of calling `new Date()`,
 * so tests can hold or move time across deadlines, reminders and retries. Nest provides it under the class
 * itself as the token: `{ provide: Clock, useValue: new SystemClock() }`.
 *
 * SQL takes "now" from it as a bound parameter (`m.starts_at > $2` with `clock.now()`), never from the database
 * server's `now()` / `CURRENT_DATE`: tests move this clock, not the server's. one-clock.spec.ts holds `src` to that,
 * and `npm test`'s time-travel pass (test/time-travel.js) runs the suites with the machine's date moved ahead.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The real time. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until a test sets it or moves it on. */
export class FixedClock extends Clock {
  private at: Date;

  constructor(at: Date) {
    super();
    this.at = FixedClock.copyOf(at);
  }

  /** A copy, so a caller changing the Date it was given cannot move this clock. */
  now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = FixedClock.copyOf(at);
  }

  /** Moves the clock on by real elapsed time (a negative amount moves it back). */
  advance(ms: number): void {
    this.at = FixedClock.copyOf(new Date(this.at.getTime() + ms));
  }

  private static copyOf(at: Date): Date {
    if (Number.isNaN(at.getTime())) throw new RangeError('A clock needs a valid instant');
    return new Date(at.getTime());
  }
}
