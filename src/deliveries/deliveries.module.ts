import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Delivery } from './delivery.entity';
import { Composers } from './composers';
import { DeliveryWorker } from './delivery-worker';
import { DeliveriesRepository } from './deliveries.repository';
import { MailTransport } from './mail-transport';
import { Outbox } from './outbox';

/** The outbox and the worker that sends it; features register their composers into the one `Composers`. */
@Module({
  imports: [TypeOrmModule.forFeature([Delivery])],
  providers: [Outbox, Composers, MailTransport, DeliveryWorker, DeliveriesRepository],
  exports: [Outbox, Composers, DeliveryWorker, MailTransport, DeliveriesRepository],
})
export class DeliveriesModule {}
