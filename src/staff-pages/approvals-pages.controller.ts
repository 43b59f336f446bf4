import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { CurrentUser, Roles, STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { MEETING_TYPES } from '../meeting-types/meeting-types';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MinutesReturns } from '../minutes/minutes-return';
import { londonDateTime } from '../templates/london-format';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { RecordGateway } from './record-gateway';
import { RecordPagesRepository, RecordRow } from './record-pages.repository';
import { RecordsWaiting } from './records-waiting';

type PageRequest = { csrfToken?: string };

const DONE: Record<string, string> = {
  approved: 'The record is approved. It can now be sent out.',
  returned: 'The record is returned to its author with your comment.',
  distributed: 'The record is sent to everyone allowed to receive it.',
  amended: 'The amendment is sent for approval. Someone else approves it before it goes out again.',
};

/**
 * "Records waiting for you" (issue 21): submitted records the signed-in person may approve (the type's approver
 * role, a meeting they see, not a record they wrote or amended), to approve or return with a comment; and approved
 * records of meetings they run, to send out. The minutes services decide each step, as for the API.
 */
@ApiExcludeController()
@Controller('approvals')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class ApprovalsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly gateway: RecordGateway,
    private readonly returns: MinutesReturns,
    private readonly repository: RecordPagesRepository,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly waiting: RecordsWaiting,
  ) {}

  @Get()
  @Roles(...STAFF_WHO_WRITE)
  async list(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ) {
    response.type('html').send(await this.page(user, request, { done: DONE[done ?? ''] ?? null }));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  async approve(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Res() response: Response) {
    await this.access.meeting(user, id, 'see', 'minutes.approve');
    await this.gateway.approve(user, id);
    response.redirect(303, '/approvals?done=approved');
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  async return(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Body() form: Record<string, string | undefined>,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'see', 'minutes.return');
    const comment = (form.comment ?? '').trim();
    const field = `comment-${id}`;
    const error = !comment
      ? 'Enter what the author should change'
      : comment.length > 5000
        ? 'The comment must be 5000 characters or fewer'
        : null;
    if (error)
      return response
        .status(422)
        .type('html')
        .send(await this.page(user, request, { ...summary({ [field]: error }), comments: { [id]: comment } }));
    await this.returns.returnToAuthor(user, id, comment);
    response.redirect(303, '/approvals?done=returned');
  }

  /** Sending the record out is running the meeting, as the API's distribute: its chair, booker or coordinator. */
  @Post(':id/distribute')
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  async distribute(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string, @Res() response: Response) {
    await this.access.meeting(user, id, 'change', 'minutes.distribute');
    await this.gateway.distribute(user, id);
    response.redirect(303, '/approvals?done=distributed');
  }

  private async page(user: StaffUser, request: PageRequest, extra: Record<string, unknown>): Promise<string> {
    const waiting = await this.waiting.forApproval(user);
    const approved = await this.repository.records(
      this.access.visibleMeetings(user, 'm', 1, 'change'),
      'APPROVED',
      [...MEETING_TYPES],
      null,
    );
    const comments = (extra.comments ?? {}) as Record<string, string>;
    const errors = (extra.errors ?? {}) as Record<string, string>;
    const row = (r: RecordRow) => ({
      ...r,
      typeLabel: this.rules.of(r.type as (typeof MEETING_TYPES)[number]).label,
      when: londonDateTime(r.startsAt),
      submitted: r.submittedAt ? londonDateTime(r.submittedAt) : null,
      approved: r.approvedAt ? londonDateTime(r.approvedAt) : null,
      amended: r.amendedAt ? londonDateTime(r.amendedAt) : null,
      comment: comments[r.meetingId] ?? '',
      error: errors[`comment-${r.meetingId}`] ?? null,
    });
    if (extra.hasErrors && !waiting.length) throw new Problem(409, 'This record is no longer waiting for you');
    return this.pages.render('record-approvals', {
      title: 'Records waiting for you',
      nav: 'approvals',
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      waiting: waiting.map(row),
      approved: approved.map(row),
      ...extra,
    });
  }
}
