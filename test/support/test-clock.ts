import { Clock } from '../../src/time/clock';

/**
 * Monday 23 November 2026, 09:00 in London: the instant every test app's clock starts at unless the test brings its
 * own. Tests book their meetings at dates after it, so what they assert holds on any real date (issue #15).
 */
export const TEST_EPOCH = new Date('2026-11-23T09:00:00Z');

/** Where this test file's timeline began in real time: every app of one file shares it, so a restarted app does not go back. */
const ORIGIN_MS = Date.now();

/**
 * A clock that runs at the real rate from a chosen instant: retries, leases and back-offs still come due as real time
 * passes, but the date is the test's, never today's.
 */
export class RunningClock extends Clock {
  constructor(private readonly startsAt: Date = TEST_EPOCH) {
    super();
  }

  now(): Date {
    return new Date(this.startsAt.getTime() + (Date.now() - ORIGIN_MS));
  }
}
