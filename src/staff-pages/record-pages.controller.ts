import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { ANY_STAFF, CurrentUser, Roles, STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { MeetingsService } from '../meetings/meetings.service';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { FormValues, readRecordForm } from './record-form';
import { formFieldOf, recordFormValues } from './record-form-values';
import { RecordFormPage, PageRequest } from './record-form-page';
import { RecordGateway } from './record-gateway';
import { RecordPagesRepository } from './record-pages.repository';
import { StaffPagesRepository } from './staff-pages.repository';

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
    private readonly page: RecordFormPage,
    private readonly gateway: RecordGateway,
    private readonly repository: RecordPagesRepository,
    private readonly staffPages: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
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
    const { view, meeting } = await this.page.keeperOf(user, id);
    const minutes = await this.gateway.view(id);
    const values = recordFormValues(meeting, minutes?.record ?? {}, await this.repository.joined(id));
    response.type('html').send(
      await this.page.render(
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
    const { view, meeting } = await this.page.keeperOf(user, id);
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
        .send(await this.page.render(user, request, view, meeting, values, byField, summary(byField)));
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
}
