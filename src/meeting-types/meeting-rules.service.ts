import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { englandAndWalesCalendar, WorkingDayCalendar } from '../time/working-days';
import { MeetingType, MeetingTypeOverrides, MeetingTypeRules, meetingTypeRules } from './meeting-types';

/** The meeting-type table as this deployment configured it (`MEETING_RULES`), and its working-day calendar. */
@Injectable()
export class MeetingRules {
  readonly table: Record<MeetingType, MeetingTypeRules>;
  readonly calendar: WorkingDayCalendar;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.table = meetingTypeRules(config.meetingRules as MeetingTypeOverrides);
    this.calendar = englandAndWalesCalendar(config.closureDays);
  }

  of(type: MeetingType): MeetingTypeRules {
    return this.table[type];
  }
}
