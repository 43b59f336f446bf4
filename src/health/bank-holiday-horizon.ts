import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorResult } from '@nestjs/terminus';
import { shippedListCoversUntil } from '../time/bank-holidays';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { addCalendarMonths } from '../time/working-days';

/** How far ahead the shipped gov.uk list must reach before we ask for a refresh: a year of statutory timescales. */
const HORIZON_MONTHS = 12;

/**
 * Whether the shipped England and Wales bank-holiday list still reaches far enough ahead (DOMAIN.md §5: "alert when
 * the horizon is getting short"). Beyond it, working days fall back to rules that cannot know one-off holidays.
 * Shown on /health (never failing it) and warned about at start-up.
 */
@Injectable()
export class BankHolidayHorizon implements OnApplicationBootstrap {
  private readonly logger = new Logger('BankHolidays');

  constructor(private readonly clock: Clock) {}

  check(): { coversUntil: string; refreshDue: boolean } {
    const coversUntil = shippedListCoversUntil();
    const needed = addCalendarMonths(londonDateOf(this.clock.now()), HORIZON_MONTHS);
    return { coversUntil, refreshDue: coversUntil < needed };
  }

  indicator(): HealthIndicatorResult {
    return { bankHolidays: { status: 'up', ...this.check() } };
  }

  onApplicationBootstrap(): void {
    const { coversUntil, refreshDue } = this.check();
    if (refreshDue) {
      this.logger.warn(
        `The shipped bank-holiday list covers only until ${coversUntil}: run npm run bank-holidays:update and review the diff`,
      );
    }
  }
}
