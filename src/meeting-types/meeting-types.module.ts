import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../time/clock';
import { MeetingRules } from './meeting-rules.service';
import { MeetingTypesController } from './meeting-types.controller';

/** The rules table and the one clock (tests hand in a clock they can move). */
@Global()
@Module({})
export class MeetingTypesModule {
  static register(clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: MeetingTypesModule,
      controllers: [MeetingTypesController],
      providers: [MeetingRules, { provide: Clock, useValue: clock }],
      exports: [MeetingRules, Clock],
    };
  }
}
