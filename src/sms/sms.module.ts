import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { TemplatesModule } from '../templates/templates.module';
import { NotifySender } from './notify-sender';
import { SmsComposer } from './sms-composer';
import { SmsOutbox } from './sms-outbox';
import { SmsStatusPoll } from './sms-status-poll';
import { SmsWorker } from './sms-worker';
import { SmsRepository } from './sms.repository';

/**
 * Text messages through GOV.UK Notify (issue 23) for people with a phone and no email address, or who asked for
 * texts. Off unless NOTIFY_API_KEY or SMS_ENABLED=true; everything rides on the outbox (src/deliveries).
 */
@Module({
  imports: [DeliveriesModule, MeetingTypesModule, TemplatesModule],
  providers: [NotifySender, SmsComposer, SmsOutbox, SmsWorker, SmsStatusPoll, SmsRepository],
  exports: [SmsWorker, SmsStatusPoll, SmsOutbox],
})
export class SmsModule {}
