import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { ANY_STAFF, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { Case } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { versionEtag } from '../http/etag';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { Timescales } from '../meetings/case-history.repository';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import {
  CASE_DATES,
  CASE_KIND_LABELS,
  caseFields,
  dateBoxes,
  fieldOfCaseError,
  readCaseChange,
  readNewCase,
} from './case-form';
import { PeopleAndCasesRepository, SEARCH_LIMIT } from './people-and-cases.repository';
import { CHANGERS, mayChange, problemStatus, sentence, STALE_DETAILS } from './record-keeping-forms';

type PageRequest = { csrfToken?: string };
type Form = Record<string, string | undefined>;

/** A stored date in words, London's calendar: "2 April 2019". */
function longDate(iso: string | null): string | null {
  return iso ? DateTime.fromISO(iso, { zone: 'Europe/London' }).toFormat('d MMMM yyyy') : null;
}

/**
 * Cases as pages (issue 20): find one by reference, add one, change its initials and the dates its reviews count from
 * (each meeting's statutory date follows in the same transaction, as with `PATCH /api/cases/:id`). Only the cases the
 * person may see, by the one access policy.
 */
@ApiExcludeController()
@Controller('cases')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class CasePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: PeopleAndCasesRepository,
    private readonly cases: CasesService,
    private readonly timescales: Timescales,
    private readonly access: AccessPolicy,
  ) {}

  @Get()
  @Roles(...ANY_STAFF)
  async search(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query('q') q: unknown,
    @Res() response: Response,
  ) {
    const search = typeof q === 'string' ? q.trim().slice(0, 40) : '';
    const found = await this.repository.cases(search, this.access.visibleCases(user, 'c', 1));
    response.type('html').send(
      this.pages.render('cases', {
        ...this.base(user, request, 'Cases'),
        q: search,
        mayAdd: mayChange(user),
        total: found.total,
        more: found.total > SEARCH_LIMIT,
        rows: found.rows.map((c) => ({ ...c, kindLabel: CASE_KIND_LABELS[c.kind] })),
      }),
    );
  }

  @Get('new')
  @Roles(...CHANGERS)
  newPage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query('reference') reference: unknown,
    @Res() response: Response,
  ) {
    const values = { kind: 'CHILD', reference: typeof reference === 'string' ? reference.slice(0, 40) : '' };
    response.type('html').send(this.form(user, request, values, null));
  }

  @Post('new')
  @HttpCode(200)
  @Roles(...CHANGERS)
  async create(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Body() form: Form,
    @Res() response: Response,
  ) {
    const values = valuesOf(form);
    const { input, errors } = readNewCase(values);
    if (!input) return this.refuse(response, 422, this.form(user, request, values, null, errors));
    try {
      const created = await this.cases.create(user.id, input);
      response.redirect(303, `/cases/${created.id}?changed=added`);
    } catch (error) {
      this.refuse(response, problemStatus(error), this.form(user, request, values, null, byField(error as Problem)));
    }
  }

  @Get(':id')
  @Roles(...ANY_STAFF)
  async one(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Query('changed') changed: unknown,
    @Res() response: Response,
  ) {
    await this.access.caseVisible(user, id);
    const found = await this.cases.one(id);
    response.type('html').send(
      this.pages.render('case', {
        ...this.base(user, request, `Case ${found.reference}`),
        subject: found,
        kindLabel: CASE_KIND_LABELS[found.kind],
        dates: CASE_DATES.map((d) => ({ legend: d.legend, value: longDate(found[d.name]) })),
        notice: changed === 'added' ? 'The case has been added' : changed ? 'The case has been changed' : null,
        mayChange: mayChange(user),
      }),
    );
  }

  @Get(':id/edit')
  @Roles(...CHANGERS)
  async editPage(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Res() response: Response,
  ) {
    await this.access.caseVisible(user, id);
    const found = await this.cases.one(id);
    response.type('html').send(this.form(user, request, storedValues(found), found));
  }

  @Post(':id/edit')
  @HttpCode(200)
  @Roles(...CHANGERS)
  async edit(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Param('id', UuidPipe) id: string,
    @Body() form: Form,
    @Res() response: Response,
  ) {
    await this.access.caseVisible(user, id);
    const found = await this.cases.one(id);
    const values = { ...valuesOf(form), reference: found.reference, kind: found.kind };
    const editing = { ...found, version: Number(form.version) || 0 };
    const { input, errors } = readCaseChange(values);
    if (!input) return this.refuse(response, 422, this.form(user, request, values, editing, errors));
    try {
      await this.cases.update(user.id, id, input, versionEtag(editing), (db, changed) =>
        this.timescales.refreshMeetingsOf(db, changed.id),
      );
      response.redirect(303, `/cases/${id}?changed=details`);
    } catch (error) {
      const status = problemStatus(error);
      const byStatus = status === 412 ? { subjectInitials: STALE_DETAILS } : byField(error as Problem);
      this.refuse(response, status, this.form(user, request, values, editing, byStatus));
    }
  }

  private base(user: StaffUser, request: PageRequest, title: string) {
    return { title, nav: 'cases' as const, user: { name: user.name, csrfToken: request.csrfToken ?? '' } };
  }

  private form(
    user: StaffUser,
    request: PageRequest,
    values: Form,
    editing: Pick<Case, 'id' | 'reference' | 'version'> | null,
    errors: Record<string, string> = {},
  ) {
    return this.pages.render('case-form', {
      ...this.base(user, request, editing ? `Change case ${editing.reference}` : 'Add a case'),
      editing,
      action: editing ? `/cases/${editing.id}/edit` : '/cases/new',
      values,
      kinds: Object.entries(CASE_KIND_LABELS).map(([value, label], i) => ({
        value,
        label,
        id: i === 0 ? 'kind' : `kind-${value.toLowerCase()}`,
        checked: values.kind === value,
      })),
      dates: CASE_DATES.filter((d) => editing || d.onCreate).map((d) => ({
        name: d.name,
        legend: `${d.legend} (optional)`,
        error: errors[`${d.name}-day`],
        day: values[`${d.name}-day`],
        month: values[`${d.name}-month`],
        year: values[`${d.name}-year`],
      })),
      ...summary(errors),
    });
  }

  private refuse(response: Response, status: number, html: string) {
    response.status(status).type('html').send(html);
  }
}

function valuesOf(form: Form): Form {
  return Object.fromEntries(caseFields().map((field) => [field, (form[field] ?? '').trim()]));
}

function storedValues(found: Case): Form {
  return {
    reference: found.reference,
    kind: found.kind,
    subjectInitials: found.subjectInitials ?? '',
    ...Object.assign({}, ...CASE_DATES.map((d) => dateBoxes(d.name, found[d.name]))),
  } as Form;
}

function byField(error: Problem): Record<string, string> {
  if (!error.errors?.length) return { reference: sentence(error.detail) };
  return Object.fromEntries(
    error.errors.map((e) => {
      const date = CASE_DATES.find((d) => d.name === e.field);
      // "is before the plan started (…)" reads as a sentence only after the date it is about.
      const text = date ? `${date.legend} ${e.message}` : e.field === 'reference' ? error.detail : sentence(e.message);
      return [fieldOfCaseError(e.field), text];
    }),
  );
}
