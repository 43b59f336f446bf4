import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../accounts/sign-in.controller';
import { ANY_STAFF, CurrentUser, Roles, STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { participantRoleLabel } from '../meeting-types/labels';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import type { MeetingView } from '../meetings/meeting-view';
import { MeetingsService } from '../meetings/meetings.service';
import { recordKeeperProblem } from '../minutes/record-duties';
import { MinutesReturns } from '../minutes/minutes-return';
import { londonDate, londonDateTime } from '../templates/london-format';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { FormValues, readRecordForm, RecordFormMeeting } from './record-form';
import { formFieldOf, recordFormValues } from './record-form-values';
import { recordFormSections } from './record-form-view';
import { RecordGateway } from './record-gateway';
import { RECORD_STATUS_LABELS, REPORT_STATE_LABELS } from './record-labels';
import type { RecordContentMeeting } from './record-form-content';
import { RecordPagesRepository } from './record-pages.repository';
import { StaffPagesRepository } from './staff-pages.repository';

type PageRequest = { csrfToken?: string };

/**
 * The chair's or IRO's record in the browser (issue 21): one form from the meeting type's rules, saved as a draft at
 * any time and submitted when whole. The minutes services decide, as for the API: the page only shows their answer
 * beside the field it is about.
 */
@ApiExcludeController()
@Controller('meetings/:id/record')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class RecordPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly gateway: RecordGateway,
    private readonly returns: MinutesReturns,
    private readonly repository: RecordPagesRepository,
    private readonly staffPages: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
  ) {}

  @Get()
  @Roles(...STAFF_WHO_WRITE)
  async form(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Query() flags: { saved?: string; submitted?: string },
    @Res() response: Response,
  ) {
    const { view, meeting } = await this.keeperOf(user, id);
    const minutes = await this.gateway.view(id);
    const values = recordFormValues(meeting, minutes?.record ?? {}, await this.repository.joined(id));
    response.type('html').send(
      await this.render(
        user,
        request,
        view,
        meeting,
        values,
        {},
        {
          justSaved: flags.saved ? 'The record is saved as a draft.' : null,
          justSubmitted: flags.submitted ? 'The record is submitted for approval.' : null,
        },
      ),
    );
  }

  /** "Save as draft", "Save and add another" (more decision and action rows) or "Submit". */
  @Post()
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  async save(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Body() form: FormValues,
    @Res() response: Response,
  ) {
    const { view, meeting } = await this.keeperOf(user, id);
    const existing = await this.gateway.view(id);
    const { dto, rows, errors } = readRecordForm(meeting, form, existing?.record ?? {});
    const action = typeof form.action === 'string' ? form.action : 'save';
    const values: FormValues = { ...form };
    if (action === 'add') {
      values.decisionRows = String(Number(form.decisionRows ?? 0) + 1);
      values.actionRows = String(Number(form.actionRows ?? 0) + 1);
      values.dissentRows = String(Number(form.dissentRows ?? 0) + 1);
    }
    const again = async (status: number, byField: Record<string, string>) =>
      response
        .status(status)
        .type('html')
        .send(await this.render(user, request, view, meeting, values, byField, summary(byField)));
    if (Object.keys(errors).length) return again(422, errors);
    try {
      await this.gateway.save(user, id, dto);
      if (action === 'submit') await this.gateway.submit(user, id);
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() >= 500 || !error.errors?.length) throw error;
      const byField: Record<string, string> = {};
      for (const e of error.errors) {
        const { id: field, text } = formFieldOf(meeting, rows, e);
        byField[field] = byField[field] ? `${byField[field]}. ${text}` : text;
      }
      return again(error.getStatus() === 400 ? 422 : error.getStatus(), byField);
    }
    if (action === 'add') return again(200, {});
    response.redirect(303, `/meetings/${id}/record?${action === 'submit' ? 'submitted' : 'saved'}=1`);
  }

  /** The family's copy before it goes out: what the first family member invited would read. */
  @Get('family-preview')
  @Roles(...ANY_STAFF)
  async familyPreview(
    @CurrentUser() user: StaffUser,
    @Param('id', UuidPipe) id: string,
    @Query('participant') participantId: string | undefined,
    @Res() response: Response,
  ) {
    await this.access.meeting(user, id, 'see', 'minutes.family-preview');
    const view = await this.meetings.view(id);
    if (!(await this.gateway.view(id))) throw Problem.notFound('The minutes');
    const people = await this.staffPages.names(view.participants.map((p) => p.personId));
    const family = view.participants.filter((p) => people.get(p.personId)?.kind === 'FAMILY');
    const chosen = family.find((p) => p.id === participantId) ?? family[0];
    if (!chosen) throw Problem.notFound('A family member invited to this meeting');
    await this.access.recordRead(user, {
      action: 'minutes.family-preview',
      entity: 'meeting',
      entityId: id,
      meetingId: id,
      personId: chosen.personId,
    });
    const participant = await this.repository.participant(chosen.id);
    if (!participant) throw Problem.notFound('The participant');
    response.type('html').send(await this.gateway.familyPreview(participant));
  }

  /** 404 for one who does not see the meeting, 403 for one who sees it but does not keep its record (as the API). */
  private async keeperOf(user: StaffUser, id: string): Promise<{ view: MeetingView; meeting: RecordFormMeeting }> {
    await this.access.meeting(user, id, 'see', 'minutes.form');
    const keeper = await this.repository.keeper(id);
    if (!keeper) throw Problem.notFound('The meeting');
    const refused = recordKeeperProblem(user, keeper);
    if (refused) throw new Problem(403, refused);
    const view = await this.meetings.view(id);
    const names = await this.staffPages.names([view.chairId, ...view.participants.map((p) => p.personId)]);
    const rules = this.rules.of(view.type);
    const nameOf = (personId: string) => names.get(personId)?.name ?? 'Unknown';
    const others = view.participants.filter((p) => !p.isChair);
    const content = await this.contentOf(user, view, nameOf);
    return {
      view,
      meeting: {
        sessions: view.sessions.map((s) => ({
          id: s.id,
          heading: s.label ?? (view.sessions.length > 1 ? `Part ${s.index + 1}` : 'The meeting'),
        })),
        participants: others.map((p) => ({
          id: p.id,
          personId: p.personId,
          name: nameOf(p.personId),
          role: participantRoleLabel(p.role),
        })),
        owners: [...new Set([view.chairId, ...view.participants.map((p) => p.personId)])].map((personId) => ({
          personId,
          name: nameOf(personId),
        })),
        cases: view.cases,
        rules: {
          outcomes: rules.outcomes,
          outcomeNeedsCategory: rules.outcomeNeedsCategory,
          childParticipation: rules.childParticipationApplies,
          quorum: rules.quorum !== null,
          childViews: rules.record.childViews,
          familyViews: rules.record.familyViews,
          advocacy: rules.record.advocacy,
          legalRepresentation: rules.record.legalRepresentation,
          requiredAgencies: rules.record.requiredAgencies.length > 0,
          familyCopy: rules.minutesAudience === 'ALL_PARTICIPANTS',
        },
        content,
      },
    };
  }

  /** The issue 22 parts of this meeting's record, from its type's `record` rules (never from its type's name). */
  private async contentOf(
    user: StaffUser,
    view: MeetingView,
    nameOf: (personId: string) => string,
  ): Promise<RecordContentMeeting> {
    const record = this.rules.of(view.type).record;
    const [cases, agencies, people, documents] = await Promise.all([
      this.repository.cases(view.id),
      this.repository.agencies(),
      this.staffPages.people(this.access.visiblePeople(user, 'p', 1)),
      this.staffPages.documents(view.id),
    ]);
    const owed = view.participants.filter((p) => p.reportRequired);
    const reports = this.gateway.reportsReceived(owed, documents);
    return {
      planFor: record.planDetailsFor,
      late: record.lateReason && view.withinTimescale === false && view.dueBy ? { dueBy: view.dueBy } : null,
      referralCaseIds: cases.filter((c) => (record.referralFor as readonly string[]).includes(c.kind)).map((c) => c.id),
      actionsNameCase: record.actionsNameCase,
      consultation: record.advocacy,
      agencies,
      staff: people.filter((p) => p.kind === 'PROFESSIONAL').map((p) => ({ personId: p.id, name: p.name })),
      chairPersonId: view.chairId,
      reports: reports.map((r) => {
        const participant = owed.find((p) => p.id === r.participantId);
        return {
          who: `${participant ? nameOf(participant.personId) : 'Unknown'} (${participantRoleLabel(r.role)})`,
          state: REPORT_STATE_LABELS[r.state],
          receivedAt: r.receivedAt ? londonDateTime(r.receivedAt) : null,
        };
      }),
      ploLetters: record.legalRepresentation
        ? cases.map((c) => ({ reference: view.cases.find((k) => k.id === c.id)?.reference ?? '', on: c.ploLetterOn }))
        : null,
    };
  }

  private async render(
    user: StaffUser,
    request: PageRequest,
    view: MeetingView,
    meeting: RecordFormMeeting,
    values: FormValues,
    errors: Record<string, string>,
    extra: Record<string, unknown>,
  ): Promise<string> {
    const minutes = await this.gateway.view(view.id);
    const returned = minutes?.status === 'DRAFT' ? await this.returns.latest(view.id) : null;
    const form = recordFormSections(meeting, values, errors);
    return this.pages.render('record-form', {
      title: 'Write the record',
      nav: 'meetings',
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      meetingId: view.id,
      typeLabel: this.rules.of(view.type).label,
      caseReferences: view.cases.map((c) => c.reference).join(', '),
      statusLabel: minutes ? RECORD_STATUS_LABELS[minutes.status] : 'Not started',
      editable: !minutes || minutes.status === 'DRAFT' || minutes.status === 'SUBMITTED',
      warnings: minutes?.warnings ?? [],
      // Proposed from the timescale rules with this record's outcome (it counts once submitted).
      nextMeetings: (minutes?.nextMeetings ?? []).map((n) => ({ label: n.label, dueBy: londonDate(n.dueBy) })),
      returned: returned
        ? {
            by: returned.returnedByName ?? 'The approver',
            at: londonDateTime(returned.returnedAt),
            comment: returned.comment,
          }
        : null,
      ...form,
      ...extra,
    });
  }
}
