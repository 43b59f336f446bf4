import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import type { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { meetingEtag, MeetingsService } from '../meetings/meetings.service';
import { Clock } from '../time/clock';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { readExclusionForm } from './exclusion-form';
import { meetingPage } from './page-models';
import { EXCLUDERS } from './page-rules';
import { StaffPagesRepository } from './staff-pages.repository';

type PageRequest = { csrfToken?: string };
type Form = Record<string, string | undefined>;

/**
 * Removing someone from a meeting, or excluding them from one part with the reason recorded: each a confirmation
 * page saying who is told, then the change through the same service as the API.
 */
@ApiExcludeController()
@Controller('meetings/:id/participants/:participantId')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class ParticipantRemovalPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  @Get('remove')
  @Roles(...BOOKERS)
  async removePage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.remove');
    const context = await this.context(user, request, id, participantId);
    response.type('html').send(
      this.pages.render('participant-remove', {
        ...context,
        title: `Are you sure you want to remove ${context.participant.name}?`,
      }),
    );
  }

  @Post('remove')
  @Roles(...BOOKERS)
  async remove(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Body() form: Form,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.remove');
    await this.meetings.removeParticipant(user.id, id, participantId, meetingEtag({ version: Number(form.version) }));
    response.redirect(303, `/meetings/${id}?changed=participant-removed`);
  }

  @Get('exclude')
  @Roles(...EXCLUDERS)
  async excludePage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.exclude');
    response.type('html').send(
      this.pages.render('participant-exclude', {
        ...(await this.context(user, request, id, participantId)),
        step: 'form',
        values: {},
      }),
    );
  }

  /** The part and the reason (checked), then "are you sure", then the exclusion: they get a cancellation for that part. */
  @Post('exclude')
  @HttpCode(200)
  @Roles(...EXCLUDERS)
  async exclude(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Param('participantId', UuidPipe) participantId: string,
    @Body() form: Form,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.exclude');
    const context = await this.context(user, request, id, participantId);
    const values = { session: (form.session ?? '').trim(), reason: (form.reason ?? '').trim() };
    const { input, errors } = readExclusionForm(
      values,
      context.parts.map((p) => p.index),
    );
    if (!input)
      return response
        .status(422)
        .type('html')
        .send(this.pages.render('participant-exclude', { ...context, step: 'form', values, ...summary(errors) }));
    const part = context.parts.find((p) => p.index === input.sessionIndex)!;
    if (form.confirm !== 'yes') {
      return response.type('html').send(
        this.pages.render('participant-exclude', {
          ...context,
          title: `Are you sure you want to exclude ${context.participant.name}?`,
          step: 'confirm',
          values: { session: String(input.sessionIndex), reason: input.reason },
          part,
        }),
      );
    }
    await this.meetings.exclude(user.id, id, { participantId, sessionId: part.id, reason: input.reason });
    response.redirect(303, `/meetings/${id}?changed=participant-excluded`);
  }

  private async context(user: StaffUser, request: PageRequest, id: string, participantId: string) {
    const view = await this.meetings.view(id);
    if (view.status === 'CANCELLED') throw new Problem(409, 'This meeting is cancelled');
    const found = view.participants.find((p) => p.id === participantId);
    if (!found) throw Problem.notFound('The participant');
    if (found.isChair) throw new Problem(409, 'The chair cannot be removed or excluded; book another chair instead');
    const names = await this.repository.names([view.chairId, ...view.participants.map((p) => p.personId)]);
    const meeting = meetingPage(view, this.rules.table, names, [], this.clock.now());
    const participant = meeting.participants.find((p) => p.id === participantId)!;
    // The parts they are invited to now: the ones they can be excluded from, and get a cancellation for if removed.
    const parts = view.sessions
      .filter((s) => found.sessionIds.includes(s.id))
      .map((s) => ({
        id: s.id,
        index: s.index,
        value: String(s.index),
        heading: meeting.sessions[s.index].heading,
        when: meeting.sessions[s.index].when,
      }));
    return {
      title: `Exclude ${participant.name} from a part`,
      nav: 'meetings' as const,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      meeting,
      participant,
      parts,
      version: view.version,
      partCount: parts.length,
    };
  }
}
