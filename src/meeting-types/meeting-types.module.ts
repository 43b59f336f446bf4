import { Module } from '@nestjs/common';
import { MeetingRules } from './meeting-rules.service';
import { MeetingTypesController } from './meeting-types.controller';

/** The rules table as this deployment configured it. */
@Module({ controllers: [MeetingTypesController], providers: [MeetingRules], exports: [MeetingRules] })
export class MeetingTypesModule {}
