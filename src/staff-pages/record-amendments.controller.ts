import { isDeepStrictEqual } from 'node:util';
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { summary } from '../web/error-summary';
import { CurrentUser, Roles, STAFF_WHO_WRITE } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import type { MinutesDto } from '../minutes/minutes.dto';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { one } from './form-read';
import { FormValues, readRecordForm } from './record-form';
import { PageRequest, RecordFormPage } from './record-form-page';
import { formFieldOf, recordFormValues } from './record-form-values';
import { RecordGateway } from './record-gateway';

const AMENDABLE = ['APPROVED', 'DISTRIBUTED'];

/**
 * "Amend the record" (issue 21): a correction to an approved or sent record, with its reason, through the API's
 * amendments. The minutes service decides who may (the type's approver role) and sends it back for approval by
 * someone else; the form is the chair's, filled from the record, and only the parts changed are sent.
 */
@ApiExcludeController()
@Controller('meetings/:id/record/amend')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class RecordAmendmentsController {
  constructor(
    private readonly page: RecordFormPage,
    private readonly gateway: RecordGateway,
    private readonly rules: MeetingRules,
  ) {}

  @Get()
  @Roles(...STAFF_WHO_WRITE)
  async form(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Res() response: Response,
  ) {
    const { view, meeting, record } = await this.amendable(user, id);
    const values = recordFormValues(meeting, record);
    response.type('html').send(await this.page.render(user, request, view, meeting, values, {}, amending()));
  }

  /** "Save and add another" offers more rows; "Send for approval" sends the parts changed, with the reason. */
  @Post()
  @HttpCode(200)
  @Roles(...STAFF_WHO_WRITE)
  async amend(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Body() form: FormValues,
    @Res() response: Response,
  ) {
    const { view, meeting, record } = await this.amendable(user, id);
    const { dto, rows, errors } = readRecordForm(meeting, form, record);
    const values: FormValues = { ...form };
    const again = async (status: number, byField: Record<string, string>) =>
      response
        .status(status)
        .type('html')
        .send(
          await this.page.render(user, request, view, meeting, values, byField, {
            ...amending(),
            reason: one(form, 'reason'),
            ...summary(byField),
          }),
        );
    if (form.action === 'add') {
      for (const rowsOf of ['decisionRows', 'actionRows', 'dissentRows'])
        values[rowsOf] = String(Number(one(form, rowsOf) || 0) + 1);
      return again(200, {});
    }
    const reason = one(form, 'reason');
    if (!reason) errors.reason = 'Enter why the record is amended';
    else if (reason.length > 2000) errors.reason = 'The reason must be 2000 characters or fewer';
    if (Object.keys(errors).length) return again(422, errors);
    const changed = Object.fromEntries(
      // Key order is not meaning: the stored record comes back from jsonb in its own order.
      Object.entries(dto).filter(([part, value]) => !isDeepStrictEqual(value, record[part as keyof MinutesDto])),
    ) as MinutesDto;
    if (!Object.keys(changed).length)
      return again(422, { reason: 'Change at least one part of the record, then send the amendment' });
    try {
      await this.gateway.amend(user, id, { ...changed, reason });
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() >= 500 || !error.errors?.length) throw error;
      const byField: Record<string, string> = {};
      for (const e of error.errors) {
        const { id: field, text } =
          e.field === 'reason' ? { id: 'reason', text: e.message } : formFieldOf(meeting, rows, e);
        byField[field] = byField[field] ? `${byField[field]}. ${text}` : text;
      }
      return again(error.getStatus() === 400 ? 422 : error.getStatus(), byField);
    }
    response.redirect(303, '/approvals?done=amended');
  }

  /** 404 for one who does not see the meeting; 403 without the type's approver role; 409 unless approved or sent. */
  private async amendable(user: StaffUser, id: string) {
    const { view, meeting } = await this.page.meetingOf(user, id);
    const refused = this.gateway.amendmentRefused(user, this.rules.of(view.type).minutesApproverRoles);
    if (refused) throw new Problem(403, refused);
    const minutes = await this.gateway.view(id);
    if (!minutes || !AMENDABLE.includes(minutes.status))
      throw Problem.conflict('Only an approved record is amended; a draft is edited on the record form');
    return { view, meeting, record: minutes.record };
  }
}

function amending() {
  return { title: 'Amend the record', amending: true, editable: true };
}
