import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { meetingEtag, MeetingsService } from '../meetings/meetings.service';
import { Clock } from '../time/clock';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { meetingTimeline, timelinePeople } from './meeting-timeline';
import { MeetingTimelineRepository } from './meeting-timeline.repository';
import { meetingPage } from './page-models';
import { EXCLUDERS } from './page-rules';
import { StaffPagesRepository } from './staff-pages.repository';
import { MeetingsListQuery, meetingsListPage, StaffPagesService } from './staff-pages.service';

type PageRequest = { csrfToken?: string };

/** "Your meetings", "Meetings", "A meeting" and cancelling one: server-rendered, no JavaScript needed. */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class MeetingPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly staffPages: StaffPagesService,
    private readonly repository: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
    private readonly timeline: MeetingTimelineRepository,
  ) {}

  @Get()
  @Roles(...ANY_STAFF)
  async home(@CurrentUser() user: StaffUser, @Req() request: PageRequest, @Res() response: Response) {
    const home = await this.staffPages.home(user);
    response
      .type('html')
      .send(this.pages.render('home', { title: 'Your meetings', nav: 'home', user: pageUser(user, request), ...home }));
  }

  @Get('meetings')
  @Roles(...ANY_STAFF)
  async list(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query() query: MeetingsListQuery,
    @Res() response: Response,
  ) {
    const list = await this.staffPages.list(user, query);
    response.type('html').send(
      this.pages.render('meetings', {
        title: 'Meetings',
        nav: 'meetings',
        user: pageUser(user, request),
        ...meetingsListPage(query, list, this.rules.table),
        mayBook: user.roles.some((role) => role === 'ADMIN' || BOOKERS.includes(role)),
      }),
    );
  }

  @Get('meetings/:id')
  @Roles(...ANY_STAFF)
  async one(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Query() flags: { cancelled?: string; resent?: string; changed?: string },
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'see');
    const view = await this.meetings.view(id);
    const [names, documents] = await Promise.all([
      this.repository.names([view.chairId, ...view.participants.map((p) => p.personId)]),
      this.repository.documents(id),
    ]);
    const meeting = meetingPage(view, this.rules.table, names, documents, this.clock.now());
    const mayChange = await this.mayChange(user, id);
    const events = await this.timeline.events(id);
    const timeline = meetingTimeline(events, await this.repository.names(timelinePeople(events)));
    response.type('html').send(
      this.pages.render('meeting', {
        title: meeting.typeLabel,
        nav: 'meetings',
        user: pageUser(user, request),
        meeting,
        timeline,
        mayChange: mayChange && !meeting.cancelled,
        mayExclude: mayChange && !meeting.cancelled && user.roles.some((role) => EXCLUDERS.includes(role)),
        justCancelled: !!flags.cancelled,
        justResent: !!flags.resent,
        justChanged: CHANGED_BANNERS[flags.changed ?? ''] ?? null,
      }),
    );
  }

  /** A participant's invitations sent again (after a failure), with a higher SEQUENCE, through the outbox. */
  @Post('meetings/:id/participants/:participantId/resend')
  @HttpCode(200)
  @Roles(...BOOKERS)
  async resend(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.resend');
    await this.meetings.resendInvites(user.id, id, participantId);
    response.redirect(303, `/meetings/${id}?resent=1`);
  }

  @Get('meetings/:id/cancel')
  @Roles(...BOOKERS)
  async cancelPage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'meeting.cancel');
    const meeting = await this.cancellable(id);
    response.type('html').send(
      this.pages.render('cancel', {
        title: 'Cancel this meeting',
        nav: 'meetings',
        user: pageUser(user, request),
        meeting,
        step: 'reason',
      }),
    );
  }

  /** Two steps: the reason (checked), then "are you sure", then the cancellation itself, at the version the person saw. */
  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @Roles(...BOOKERS)
  async cancel(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Body() form: Record<string, string | undefined>,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'meeting.cancel');
    const meeting = await this.cancellable(id);
    const reason = (form.reason ?? '').trim();
    const context = {
      title: 'Cancel this meeting',
      nav: 'meetings' as const,
      user: pageUser(user, request),
      meeting,
      reason,
    };
    const error = !reason
      ? 'Enter why the meeting is cancelled'
      : reason.length > 1000
        ? 'The reason must be 1000 characters or fewer'
        : null;
    if (error)
      return response
        .status(422)
        .type('html')
        .send(this.pages.render('cancel', { ...context, step: 'reason', ...summary({ reason: error }) }));
    if (form.confirm !== 'yes')
      return response.type('html').send(
        this.pages.render('cancel', {
          ...context,
          title: 'Are you sure you want to cancel this meeting?',
          step: 'confirm',
          version: meeting.version,
        }),
      );
    await this.meetings.cancel(user.id, id, { reason }, meetingEtag({ version: Number(form.version) }));
    response.redirect(303, `/meetings/${id}?cancelled=1`);
  }

  private async cancellable(id: string) {
    const view = await this.meetings.view(id);
    if (view.status === 'CANCELLED') throw new Problem(409, 'This meeting is already cancelled');
    const names = await this.repository.names([view.chairId, ...view.participants.map((p) => p.personId)]);
    return {
      ...meetingPage(view, this.rules.table, names, [], this.clock.now()),
      invitedCount: view.participants.length,
    };
  }

  private mayChange(user: StaffUser, id: string): Promise<boolean> {
    if (!user.roles.some((role) => role === 'ADMIN' || BOOKERS.includes(role))) return Promise.resolve(false);
    return this.access.allows(user, id, 'change');
  }
}

/** What the meeting page says after a change made on one of its forms (`?changed=`). */
const CHANGED_BANNERS: Record<string, string> = {
  session: 'The part is changed. Everyone invited to it is getting an updated invitation.',
  'participant-added': 'The person is added. Their invitation is on its way.',
  'participant-removed': 'The person is removed. They are being told.',
  'participant-excluded': 'The person is excluded from that part, with the reason recorded. They are being told.',
};

function pageUser(user: StaffUser, request: PageRequest) {
  return { name: user.name, csrfToken: request.csrfToken ?? '' };
}
