import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboundMessage } from './inbound-message.entity';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { InboundController } from './inbound.controller';
import { InboundSmtpListener } from './inbound-smtp.listener';
import { InboundImapPoller } from './inbound-imap.poller';
import { InboundAuthentication } from './inbound-authentication';
import { InboundService } from './inbound.service';
import { InboundRepository } from './inbound.repository';

/** Calendar replies, counters and bounces coming back to the organiser mailbox (issue 23). */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessage]), AccessModule, AuditModule],
  controllers: [InboundController],
  providers: [InboundService, InboundSmtpListener, InboundImapPoller, InboundAuthentication, InboundRepository],
  exports: [InboundService],
})
export class InboundModule {}
