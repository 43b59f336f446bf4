import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { englandAndWalesCalendar, WorkingDayCalendar } from '../time/working-days';
import { MeetingType, MeetingTypeRules, meetingTypeRules, parseMeetingTypeOverrides } from './meeting-types';

/**
 * The Nest shell around the pure table: the rules as this deployment configured them (`MEETING_RULES`), and its
 * working-day calendars.
 */
@Injectable()
export class MeetingRules {
  readonly table: Record<MeetingType, MeetingTypeRules>;
  /** Statutory timescales: England and Wales bank holidays only (DOMAIN.md §5: closures stopping the clock is unconfirmed). */
  readonly calendar: WorkingDayCalendar;
  /** Local deadlines (e.g. the record): bank holidays plus the council's closure days (`CLOSURE_DAYS`). */
  readonly localCalendar: WorkingDayCalendar;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.table = meetingTypeRules(parseMeetingTypeOverrides(config.meetingRules));
    this.calendar = englandAndWalesCalendar();
    this.localCalendar = englandAndWalesCalendar(config.closureDays);
  }

  of(type: MeetingType): MeetingTypeRules {
    return this.table[type];
  }
}
