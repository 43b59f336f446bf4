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
import { FORMAT_LABELS, PARTICIPANT_ROLE_LABELS } from '../meeting-types/labels';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { isMeetingType, MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';
import type { BookMeetingDto } from '../meetings/book-meeting.dto';
import { MeetingsService } from '../meetings/meetings.service';
import { Timescales } from '../meetings/case-history';
import { londonDate, londonDateTime, londonTimeRange } from '../templates/london-format';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import {
  BOOKING_FIELDS,
  BookingFields,
  BookingInput,
  fieldOfApiError,
  PARTICIPANT_ROWS,
  readBookingForm,
} from './booking-form';
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
    private readonly meetings: MeetingsService,
    private readonly timescales: Timescales,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
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
    response
      .type('html')
      .send(
        await this.form(
          user,
          request,
          { type, ...(typeof caseReference === 'string' ? { case: caseReference.slice(0, 100) } : {}) },
          {},
        ),
      );
  }

  /** `action`: `check` (from the form), `change` (back to the form), `book` (from "check your answers"). */
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
    const fields = Object.fromEntries(BOOKING_FIELDS.map((name) => [name, body[name] ?? '']));
    const rules = this.rules.of(type);
    const { booking, errors } = readBookingForm(fields, rules);
    const caseId = booking ? await this.visibleCase(user, booking.caseReference) : null;
    if (booking && !caseId) errors.case = 'No case you may see has this reference';
    if (body.action === 'change' || !booking || !caseId)
      return response
        .status(body.action === 'change' ? 200 : 422)
        .type('html')
        .send(await this.form(user, request, fields, errors));

    if (body.action !== 'book')
      return response.type('html').send(await this.check(user, request, type, fields, booking, caseId));
    try {
      const meeting = await this.meetings.book(user.id, this.dto(type, booking, caseId));
      response.redirect(303, `/meetings/${meeting.id}`);
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
      // The service names each field it refuses (a person listed twice, a chair who clashes): each goes beside its field.
      const refused: Record<string, string> = {};
      for (const e of error.errors ?? [{ field: 'type', message: error.message }])
        refused[fieldOfApiError(e.field, booking.participants)] ??= sentence(e.message);
      response
        .status(error.getStatus())
        .type('html')
        .send(await this.form(user, request, fields, refused));
    }
  }

  private async form(
    user: StaffUser,
    request: PageRequest,
    fields: BookingFields,
    errors: Record<string, string>,
  ): Promise<string> {
    const type = fields.type as MeetingType;
    const rules = this.rules.of(type);
    const people = await this.repository.people(this.access.visiblePeople(user, 'p', 1));
    const option = (selected: string | undefined) => (p: (typeof people)[number]) => ({
      value: p.id,
      label: p.agency ? `${p.name} (${p.agency})` : p.name,
      selected: p.id === selected,
    });
    return this.pages.render('booking-form', {
      title: `Book a ${rules.label.charAt(0).toLowerCase()}${rules.label.slice(1)}`,
      nav,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      typeLabel: rules.label,
      values: fields,
      defaultLength: rules.defaultDurationMinutes,
      preReadRule: preReadRuleInWords(rules.preRead),
      chairs: people.filter((p) => p.kind === 'PROFESSIONAL').map(option(fields.chairId)),
      formats: Object.entries(FORMAT_LABELS).map(([value, label]) => ({
        value,
        label,
        checked: fields.format === value,
      })),
      rows: Array.from({ length: PARTICIPANT_ROWS }, (_, i) => ({
        n: i + 1,
        person: `p${i}-person`,
        role: `p${i}-role`,
        report: `p${i}-report`,
        people: people
          .filter((p) => rules.familyMayAttend || p.kind === 'PROFESSIONAL')
          .map(option(fields[`p${i}-person`])),
        roles: Object.entries(PARTICIPANT_ROLE_LABELS)
          .filter(([code]) => code !== 'CHAIR')
          .map(([value, label]) => ({ value, label, selected: fields[`p${i}-role`] === value })),
        reportChecked: fields[`p${i}-report`] === 'yes',
        personError: errors[`p${i}-person`],
        roleError: errors[`p${i}-role`],
      })),
      ...summary(errors),
    });
  }

  private async check(
    user: StaffUser,
    request: PageRequest,
    type: MeetingType,
    fields: BookingFields,
    booking: BookingInput,
    caseId: string,
  ): Promise<string> {
    const rules = this.rules.of(type);
    const due = await this.timescales.dueFor(this.repository.manager, {
      type,
      caseIds: [caseId],
      heldOn: londonIsoDate(booking.startsAt),
      relatedMeetingId: null,
      excludeMeetingId: null,
    });
    const names = await this.repository.names([booking.chairId, ...booking.participants.map((p) => p.personId)]);
    return this.pages.render('booking-check', {
      title: 'Check your answers before booking',
      nav,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      typeLabel: rules.label,
      caseReference: booking.caseReference,
      chairName: names.get(booking.chairId)?.name ?? 'Unknown',
      when: londonTimeRange(booking.startsAt, booking.endsAt),
      formatLabel: FORMAT_LABELS[booking.format],
      join: booking.join,
      dueBy: due.dueBy ? londonDate(due.dueBy) : null,
      withinTimescale:
        due.withinTimescale === null
          ? null
          : due.withinTimescale
            ? 'Yes'
            : 'No, it is later than the statutory latest date',
      preReadDeadline: londonDateTime(this.timescales.preReadDeadline(rules, booking.startsAt)),
      invites: [
        { name: names.get(booking.chairId)?.name ?? 'Unknown', role: 'Chair', report: false },
        ...booking.participants.map((p) => ({
          name: names.get(p.personId)?.name ?? 'Unknown',
          role: PARTICIPANT_ROLE_LABELS[p.role] ?? p.role,
          report: p.reportRequired,
        })),
      ],
      hidden: Object.entries(fields).map(([name, value]) => ({ name, value })),
    });
  }

  private async visibleCase(user: StaffUser, reference: string): Promise<string | null> {
    const caseId = await this.repository.caseIdByReference(reference);
    if (!caseId) return null;
    return this.access.caseVisible(user, caseId).then(
      () => caseId,
      () => null,
    );
  }

  private dto(type: MeetingType, booking: BookingInput, caseId: string): BookMeetingDto {
    return {
      type,
      caseIds: [caseId],
      chairId: booking.chairId,
      format: booking.format,
      sessions: [
        { startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString(), join: booking.join },
      ],
      participants: booking.participants.map((p) => ({
        personId: p.personId,
        role: p.role,
        reportRequired: p.reportRequired,
      })),
    };
  }
}

function londonIsoDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** An API message ("chairId: must be …") as a sentence beside a field. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
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
