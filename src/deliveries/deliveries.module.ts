import { Global, Module } from '@nestjs/common';
import { Composers } from './composers';
import { DeliveryWorker } from './delivery-worker';
import { MailTransport } from './mail-transport';
import { Outbox } from './outbox';

@Global()
@Module({
  providers: [Outbox, Composers, MailTransport, DeliveryWorker],
  exports: [Outbox, Composers, DeliveryWorker, MailTransport],
})
export class DeliveriesModule {}
