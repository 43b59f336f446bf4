import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AccessPolicy, namedCondition } from '../access/access-policy';
import { BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { PageQuery } from '../http/list';
import { INBOUND_OUTCOMES, InboundOutcome } from './inbound-message.entity';
import { InboundService } from './inbound.service';

export class InboundQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: INBOUND_OUTCOMES,
    description: 'Unset: what needs a person (REVIEW, BOUNCE and REJECTED)',
  })
  @IsOptional()
  @IsIn(INBOUND_OUTCOMES)
  outcome?: InboundOutcome;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('api/inbound')
export class InboundController {
  constructor(
    private readonly inbound: InboundService,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * What came back to the organiser mailbox and needs the coordinator: calendar answers that were not taken as an
   * RSVP (a counter-proposal, a delegate, an unknown attendee, a sender who is not the attendee), bounces, and messages
   * that failed SPF/DKIM/DMARC (REJECTED, with the reason, when INBOUND_AUTH=enforce); with
   * `counts` of every outcome (auto-replies included). Each caller sees what came back about the meetings they may
   * see; what matched no meeting (an unknown UID, a bounce of nothing of ours) only the administrators and the
   * business-support coordinators who read the organiser mailbox.
   */
  @Get()
  @Roles(...BOOKERS)
  list(@CurrentUser() user: StaffUser, @Query() query: InboundQuery) {
    const unmatched = user.roles.some((role) => role === 'ADMIN' || role === 'COORDINATOR');
    return this.inbound.list(query, namedCondition(this.access.visibleMeetings(user, 'vm', 1), 1), unmatched);
  }
}
