import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { mayBook } from '../access/meeting-access';
import { summary } from '../web/error-summary';
import { BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { isMeetingType, MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { BookingFields, bookingFieldsOf, FIRST_PEOPLE_ROWS, readBookingForm } from './booking-form';
import { applyEdit } from './booking-form-edits';
import { BookingGateway } from './booking-gateway';
import { BookingPeople } from './booking-people';
import { bookingCheckView, bookingFormView } from './booking-page-views';
import { StaffPagesRepository } from './staff-pages.repository';

type PageRequest = { csrfToken?: string };
const nav = 'meetings' as const;

/** "Book a meeting": the type first, then the form its rules imply, then "check your answers", then the booking. */
@ApiExcludeController()
@Controller('meetings/new')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
@Roles(...BOOKERS)
export class BookingPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: StaffPagesRepository,
    private readonly gateway: BookingGateway,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly people: BookingPeople,
  ) {}

  @Get()
  async start(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query('type') type: string | undefined,
    @Query('case') caseReference: string | undefined,
    @Res() response: Response,
  ) {
    const page = { nav, user: { name: user.name, csrfToken: request.csrfToken ?? '' } };
    // The types these roles may book (the access policy's rule): a coordinator is never offered a MARAC.
    const bookable = MEETING_TYPES.filter((t) => mayBook(this.rules.of(t).access, user.roles));
    if (type === undefined || !bookable.includes(type as MeetingType)) {
      const errors: Record<string, string> = type === undefined ? {} : { type: 'Choose the type of meeting' };
      const types = bookable.map((t) => ({ value: t, label: this.rules.of(t).label }));
      return response
        .status(type === undefined ? 200 : 422)
        .type('html')
        .send(
          this.pages.render('booking-type', {
            ...page,
            title: 'What type of meeting are you booking?',
            types,
            ...summary(errors),
          }),
        );
    }
    // `?case=` prefills the case: the link from "What falls due" books the meeting that is due for it.
    response.type('html').send(
      await this.form(
        user,
        request,
        {
          type,
          parts: '1',
          people: String(FIRST_PEOPLE_ROWS),
          ...(typeof caseReference === 'string' ? { case: caseReference.slice(0, 100) } : {}),
        },
        {},
      ),
    );
  }

  /**
   * `action`: `check` (from the form: a trial booking, then "check your answers"), `change` (back to the form),
   * `book` (from "check your answers"), or an edit of the form (`add-part`, `remove-part-1`, `add-person`, …).
   */
  @Post()
  @HttpCode(200)
  async submit(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Body() body: BookingFields,
    @Res() response: Response,
  ) {
    const type = body.type ?? '';
    if (!isMeetingType(type)) throw new Problem(422, 'Choose the type of meeting');
    this.access.assertMayBook(user, type);
    const fields = bookingFieldsOf(body);
    const action = body.action ?? 'check';
    const html = (status: number, page: Promise<string>) =>
      page.then((text) => response.status(status).type('html').send(text));
    const edited = applyEdit(fields, action);
    if (edited) return html(200, this.form(user, request, edited, {}));
    // "Find" beside a select (`find-chair`, `find-person-2`): the form again, offering the people found.
    if (action === 'change' || /^find-(chair|person-\d+)$/.test(action))
      return html(200, this.form(user, request, fields, {}));

    const rules = this.rules.of(type);
    const { booking, errors } = readBookingForm(fields, rules);
    const found = await this.caseOf(user, fields.case ?? '');
    if (found === 'hidden') errors.case = 'No case you may see has this reference';
    const unknownCase = found === null && !!fields.case?.trim() && fields.newCase !== 'yes';
    if (unknownCase)
      errors.case = 'No case has this reference. Check it, or tick “Create a new case with this reference”';
    if (!booking || Object.keys(errors).length)
      return html(422, this.form(user, request, fields, errors, { newCase: unknownCase }));

    const caseId = typeof found === 'string' && found !== 'hidden' ? found : null;
    const attempt = await this.gateway.attempt(
      user.id,
      type,
      { ...booking, newCase: caseId ? null : booking.newCase },
      caseId,
      action !== 'book',
    );
    if ('errors' in attempt)
      return html(attempt.status, this.form(user, request, fields, attempt.errors, { overlap: attempt.chairClash }));
    if (action === 'book') return response.redirect(303, `/meetings/${attempt.view.id}`);
    const names = await this.repository.names([attempt.view.chairId, ...booking.participants.map((p) => p.personId)]);
    return html(
      200,
      Promise.resolve(
        this.pages.render('booking-check', {
          title: 'Check your answers before booking',
          nav,
          user: { name: user.name, csrfToken: request.csrfToken ?? '' },
          ...bookingCheckView(attempt.view, rules, names, !caseId),
          hidden: Object.entries(fields).map(([name, value]) => ({ name, value })),
        }),
      ),
    );
  }

  private async form(
    user: StaffUser,
    request: PageRequest,
    fields: BookingFields,
    errors: Record<string, string>,
    offer: { newCase?: boolean; overlap?: boolean } = {},
  ): Promise<string> {
    const rules = this.rules.of(fields.type as MeetingType);
    const people = await this.people.forForm(user, fields);
    return this.pages.render('booking-form', {
      title: `Book ${/^[aeiou]/i.test(rules.label) ? 'an' : 'a'} ${rules.label.charAt(0).toLowerCase()}${rules.label.slice(1)}`,
      nav,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      typeLabel: rules.label,
      defaultLength: rules.defaultDurationMinutes,
      preReadRule: preReadRuleInWords(rules.preRead),
      ...bookingFormView(fields, errors, rules, people, {
        newCase: offer.newCase ?? false,
        overlap: offer.overlap ?? false,
      }),
      ...summary(errors),
    });
  }

  /** The case's id; `hidden` (never a UUID): a case exists that this person may not see; null: no case has it. */
  private async caseOf(user: StaffUser, reference: string): Promise<string | null> {
    if (!reference.trim()) return null;
    const caseId = await this.repository.caseIdByReference(reference);
    if (!caseId) return null;
    return this.access.caseVisible(user, caseId).then(
      () => caseId,
      () => 'hidden' as const,
    );
  }
}

function preReadRuleInWords(rule: ReturnType<MeetingRules['of']>['preRead']): string {
  switch (rule.kind) {
    case 'AT_START':
      return 'Pre-reads are due by the start of the meeting.';
    case 'HOURS_BEFORE':
      return `Pre-reads are due ${rule.hours} hours before the meeting starts.`;
    case 'LONDON_TIME_ON_DAY':
      return `Pre-reads are due by ${rule.time} on the day of the meeting.`;
    case 'WORKING_DAYS_BEFORE':
      return `Pre-reads are due by ${rule.time}, ${rule.days} working days before the meeting.`;
  }
}
