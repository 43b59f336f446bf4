import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { participantRoleLabel } from '../meeting-types/labels';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { meetingEtag, MeetingsService } from '../meetings/meetings.service';
import { Clock } from '../time/clock';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { STALE_PAGE } from './page-rules';
import { meetingPage } from './page-models';
import { ADDABLE_ROLES, fieldOfParticipantError, participantFields, readParticipantForm } from './participant-form';
import { PeopleAndCasesRepository } from './people-and-cases.repository';
import { StaffPagesRepository } from './staff-pages.repository';

type PageRequest = { csrfToken?: string };
type Form = Record<string, string | undefined>;

/**
 * Adding someone to a booked meeting from its page: search by name (a plain GET form, no JavaScript), choose the
 * person, role and parts, then "are you sure", then the invitation through the same service as the API, at the
 * version seen. Only names are shown: never a family member's email or phone.
 */
@ApiExcludeController()
@Controller('meetings/:id/participants/add')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class ParticipantPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
    private readonly directory: PeopleAndCasesRepository,
  ) {}

  @Get()
  @Roles(...BOOKERS)
  async addPage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Query('q') q: string | undefined,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.add');
    const values = { q: typeof q === 'string' ? q.trim() : '' };
    response
      .type('html')
      .send(this.pages.render('participant-add', { ...(await this.context(user, request, id, values)), step: 'form' }));
  }

  @Post()
  @HttpCode(200)
  @Roles(...BOOKERS)
  async add(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Body() form: Form,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'change', 'participant.add');
    const view = await this.meetings.view(id);
    const values = Object.fromEntries(
      participantFields(view.sessions.length).map((field) => [field, (form[field] ?? '').trim()]),
    );
    const context = await this.context(user, request, id, values);
    const { input, errors } = readParticipantForm(
      values,
      view.sessions.length,
      new Set(context.candidates.map((p) => p.id)),
    );
    if (!input)
      return response
        .status(422)
        .type('html')
        .send(this.pages.render('participant-add', { ...context, step: 'form', ...summary(errors) }));
    if (form.confirm !== 'yes') {
      const person = context.candidates.find((p) => p.id === input.personId)!;
      const parts = input.sessions.map((i) => context.meeting.sessions[i].heading).join(', ');
      return response.type('html').send(
        this.pages.render('participant-add', {
          ...context,
          title: 'Are you sure you want to add this person?',
          step: 'confirm',
          version: view.version,
          person,
          roleLabel: participantRoleLabel(input.role),
          parts,
          reportRequired: input.reportRequired,
        }),
      );
    }
    try {
      await this.meetings.addParticipant(
        user.id,
        id,
        { personId: input.personId, role: input.role, sessions: input.sessions, reportRequired: input.reportRequired },
        meetingEtag({ version: Number(form.version) }),
      );
    } catch (error) {
      // A keep-apart rule, or someone added meanwhile: back beside the field, in the service's words.
      if (!(error instanceof Problem) || error.getStatus() >= 500 || ![409, 412, 422].includes(error.getStatus()))
        throw error;
      const byField =
        error.getStatus() === 412
          ? { personId: STALE_PAGE }
          : error.errors?.length
            ? Object.fromEntries(error.errors.map((e) => [fieldOfParticipantError(e.field), e.message]))
            : { personId: error.detail };
      return response
        .status(error.getStatus())
        .type('html')
        .send(this.pages.render('participant-add', { ...context, step: 'form', ...summary(byField) }));
    }
    response.redirect(303, `/meetings/${id}?changed=participant-added`);
  }

  /** The meeting as shown, the people found for the search (visible to the person, not already invited), the choices. */
  private async context(user: StaffUser, request: PageRequest, id: string, values: Record<string, string>) {
    const view = await this.meetings.view(id);
    if (view.status === 'CANCELLED') throw new Problem(409, 'This meeting is cancelled');
    const names = await this.repository.names([view.chairId, ...view.participants.map((p) => p.personId)]);
    const meeting = meetingPage(view, this.rules.table, names, [], this.clock.now());
    const invited = new Set(view.participants.map((p) => p.personId));
    const familyMayAttend = this.rules.of(view.type).familyMayAttend;
    // The directory searched in SQL, as the people page does: a name beyond the first few hundred is found too.
    const search = (values.q ?? '').trim().slice(0, 100);
    const found = search ? (await this.directory.people(search, this.access.visiblePeople(user, 'p', 1))).rows : [];
    const candidates = found.filter((p) => !invited.has(p.id) && (familyMayAttend || p.kind === 'PROFESSIONAL'));
    return {
      title: 'Add someone to the meeting',
      nav: 'meetings' as const,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      meeting,
      values,
      candidates,
      results: candidates.map((p, i) => ({
        id: p.id,
        inputId: i === 0 ? 'personId' : `personId-${i}`,
        label: p.agency ? `${p.name} (${p.agency})` : p.name,
        checked: values.personId === p.id,
      })),
      roles: ADDABLE_ROLES.map(([value, label]) => ({ value, label, selected: values.role === value })),
      parts:
        view.sessions.length > 1
          ? meeting.sessions.map((s, i) => ({
              name: `session-${i}`,
              heading: s.heading,
              when: s.when,
              checked: values[`session-${i}`] === 'yes',
            }))
          : null,
    };
  }
}
