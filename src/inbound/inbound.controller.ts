import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BOOKERS, Roles } from '../auth/roles.decorator';
import { PageQuery } from '../http/list';
import { INBOUND_OUTCOMES, InboundOutcome } from './inbound-message.entity';
import { InboundService } from './inbound.service';

export class InboundQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INBOUND_OUTCOMES, description: 'Unset: what needs a person (REVIEW and BOUNCE)' })
  @IsOptional() @IsIn(INBOUND_OUTCOMES)
  outcome?: InboundOutcome;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  meetingId?: string;
}

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('api/inbound')
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  /**
   * What came back to the organiser mailbox and needs the coordinator: calendar answers that were not taken as an
   * RSVP (a counter-proposal, a delegate, an unknown attendee, a sender who is not the attendee) and bounces; with
   * `counts` of every outcome (auto-replies included).
   */
  @Get()
  @Roles(...BOOKERS)
  list(@Query() query: InboundQuery) {
    return this.inbound.list(query);
  }
}
