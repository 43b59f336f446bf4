import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { meetingEtag, MeetingsService } from '../meetings/meetings.service';
import { londonTimeRange } from '../templates/london-format';
import { Clock } from '../time/clock';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { meetingPage } from './page-models';
import { STALE_PAGE } from './page-rules';
import { fieldOfSessionError, readSessionForm, SESSION_FIELDS, sessionFormValues } from './session-form';
import { StaffPagesRepository } from './staff-pages.repository';

type PageRequest = { csrfToken?: string };
type Form = Record<string, string | undefined>;

/**
 * Changing a booked meeting from its page: each change is a form, then "are you sure" showing who is told, then the
 * change itself through the same service as the API, at the version the person saw (If-Match), so two people
 * changing one meeting cannot overwrite each other unseen.
 */
@ApiExcludeController()
@Controller('meetings/:id')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class MeetingChangePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  @Get('sessions/:sessionId/change')
  @Roles(...BOOKERS)
  async sessionPage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Param('sessionId', UuidPipe) sessionId: string,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'session.change');
    const { meeting, session } = await this.sessionOf(id, sessionId);
    response.type('html').send(
      this.pages.render('session-change', {
        ...this.context(user, request, meeting, session),
        step: 'form',
        values: sessionFormValues(session.view),
      }),
    );
  }

  /** The new date, times and joining details (checked), then "are you sure" naming who gets an updated invitation, then the change. */
  @Post('sessions/:sessionId/change')
  @HttpCode(200)
  @Roles(...BOOKERS)
  async changeSession(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Param('sessionId', UuidPipe) sessionId: string,
    @Body() form: Form,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'session.change');
    const { meeting, session, view } = await this.sessionOf(id, sessionId);
    const values = Object.fromEntries(SESSION_FIELDS.map((field) => [field, (form[field] ?? '').trim()]));
    const context = { ...this.context(user, request, meeting, session), values };
    const { change, errors } = readSessionForm(values, view.format);
    if (!change)
      return response
        .status(422)
        .type('html')
        .send(this.pages.render('session-change', { ...context, step: 'form', ...summary(errors) }));
    if (form.confirm !== 'yes') {
      const told = view.participants.filter((p) => p.sessionIds.includes(sessionId)).length;
      return response.type('html').send(
        this.pages.render('session-change', {
          ...context,
          title: 'Are you sure you want to change this part?',
          step: 'confirm',
          version: view.version,
          newWhen: londonTimeRange(change.startsAt, change.endsAt),
          told,
        }),
      );
    }
    try {
      await this.meetings.rescheduleSession(
        user.id,
        id,
        sessionId,
        { startsAt: change.startsAt.toISOString(), endsAt: change.endsAt.toISOString(), join: change.join },
        meetingEtag({ version: Number(form.version) }),
      );
    } catch (error) {
      // What only the service can tell (a chair's clash, a rule of the format) goes back beside its field.
      if (
        !(error instanceof Problem) ||
        error.getStatus() >= 500 ||
        (!error.errors?.length && error.getStatus() !== 412)
      )
        throw error;
      // A page older than the meeting: the form again, to check and confirm afresh at the version now.
      const byField =
        error.getStatus() === 412
          ? { 'date-day': STALE_PAGE }
          : Object.fromEntries(error.errors!.map((e) => [fieldOfSessionError(e.field), e.message]));
      return response
        .status(error.getStatus())
        .type('html')
        .send(this.pages.render('session-change', { ...context, step: 'form', ...summary(byField) }));
    }
    response.redirect(303, `/meetings/${id}?changed=session`);
  }

  private async sessionOf(id: string, sessionId: string) {
    const view = await this.meetings.view(id);
    if (view.status === 'CANCELLED') throw new Problem(409, 'This meeting is cancelled');
    const index = view.sessions.findIndex((s) => s.id === sessionId);
    if (index < 0) throw Problem.notFound('The session');
    const names = await this.repository.names([view.chairId, ...view.participants.map((p) => p.personId)]);
    const meeting = meetingPage(view, this.rules.table, names, [], this.clock.now());
    return { view, meeting, session: { ...meeting.sessions[index], view: view.sessions[index] } };
  }

  private context(
    user: StaffUser,
    request: PageRequest,
    meeting: ReturnType<typeof meetingPage>,
    session: { id: string; heading?: string; when: string },
  ) {
    return {
      title: 'Change the time or joining details',
      nav: 'meetings' as const,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      meeting,
      session,
    };
  }
}
