import { Body, Controller, Get, Headers, Param, Patch, Res } from '@nestjs/common';
import type { Response } from 'express';
import { versionEtag } from '../http/etag';
import { UpdateCaseDto } from '../cases/cases.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy, namedCondition } from '../access/access-policy';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { caseTimeline } from './case-timeline';
import { preProceedings } from './pre-proceedings';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { CasesService } from '../cases/cases.service';
import { UuidPipe } from '../http/uuid.pipe';
import { Timescales } from './case-history.repository';
import { MeetingsRepository } from './meetings.repository';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CaseTimescalesController {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly cases: CasesService,
    private readonly timescales: Timescales,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  /**
   * A child enters or leaves care, a plan starts or ends, a letter before proceedings goes out: the dates the review
   * cycles count from and stop at. Here rather than in cases/ because the case's meetings follow in the same
   * transaction: each one's statutory latest date and whether it was within it.
   */
  @Patch(':id')
  @Roles(...BOOKERS, 'SOCIAL_WORKER')
  async update(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.access.caseVisible(user, id);
    const updated = await this.cases.update(user.id, id, dto, ifMatch, (db, changed) =>
      this.timescales.refreshMeetingsOf(db, changed.id),
    );
    response.setHeader('ETag', versionEtag(updated));
    return updated;
  }

  /** What is due next for a case and by when, from its history in Quorum and its dates. */
  @Get(':id/next-due')
  @Roles(...ANY_STAFF)
  async nextDue(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    await this.access.caseVisible(user, id);
    const subject = await this.cases.one(id);
    const items = await this.timescales.nextDueFor(this.meetings.manager, subject.id);
    return { caseId: subject.id, reference: subject.reference, items, total: items.length };
  }

  /**
   * The case's meetings (those the caller may see), with each one's outcome for this case, its plans and care
   * episode, and what falls due next.
   */
  @Get(':id/timeline')
  @Roles(...ANY_STAFF)
  async timeline(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    await this.access.caseVisible(user, id);
    const subject = await this.cases.one(id);
    const visible = namedCondition(this.access.visibleMeetings(user, 'm', 1), 1);
    const rows = await this.timescales.timelineMeetings(this.meetings.manager, id, visible);
    const meetings = rows.map((r) => ({ ...r, label: this.rules.of(r.type as never).label }));
    const next = (await this.timescales.nextDueFor(this.meetings.manager, id)).map((d) => ({
      ...d,
      label: this.rules.of(d.type).label,
    }));
    const plo = meetings.filter((m) => m.type === 'PLO' && m.status === 'SCHEDULED');
    const tracker = preProceedings(subject.ploLetterOn, plo, londonDateOf(this.clock.now()));
    return {
      caseId: subject.id,
      reference: subject.reference,
      ...caseTimeline(subject, meetings, next),
      // The PLO's 16 weeks from the letter before proceedings (null: no letter recorded).
      // With the signed written agreement (issue 22), where one was uploaded to a PLO meeting the caller sees.
      preProceedings: tracker && {
        ...tracker,
        writtenAgreement: await this.timescales.writtenAgreement(
          this.meetings.manager,
          plo.map((m) => m.id),
        ),
      },
    };
  }
}
