import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { ANY_STAFF, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { DirectoryService } from '../directory/directory.service';
import { versionEtag } from '../http/etag';
import { AcceptsBody } from '../http/body-types';
import { Problem } from '../http/problem';
import { UuidPipe } from '../http/uuid.pipe';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { CHANGERS, mayChange, problemStatus, sentence, STALE_DETAILS } from './record-keeping-forms';
import { PeopleAndCasesRepository, SEARCH_LIMIT } from './people-and-cases.repository';
import { fieldOfPersonError, PERSON_FIELDS, PERSON_KIND_LABELS, readNewPerson, readPersonChange } from './people-form';

type PageRequest = { csrfToken?: string };
type Form = Record<string, string | undefined>;

/** Who may add people and change their details: as the API says (POST/PATCH /api/people). */

/**
 * The directory as pages (issue 20): find a person by name, add one, change their details. The same services and
 * policy as `/api/people`: a search finds only whom the person may look up, a page of someone else is "Page not
 * found", and a change is made at the version the form was opened at.
 */
@ApiExcludeController()
@Controller('people')
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class PeoplePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: PeopleAndCasesRepository,
    private readonly directory: DirectoryService,
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
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const found = await this.repository.people(search, this.access.visiblePeople(user, 'p', 1));
    response.type('html').send(
      this.pages.render('people', {
        ...this.base(user, request, 'People'),
        q: search,
        mayAdd: mayChange(user),
        total: found.total,
        more: found.total > SEARCH_LIMIT,
        rows: found.rows.map((p) => ({ ...p, kindLabel: PERSON_KIND_LABELS[p.kind] })),
      }),
    );
  }

  @Get('new')
  @Roles(...CHANGERS)
  async newPage(@CurrentUser() user: StaffUser, @Req() request: PageRequest, @Res() response: Response) {
    response.type('html').send(await this.form(user, request, { kind: 'PROFESSIONAL' }, null));
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
    const { input, errors } = readNewPerson(values, await this.agencyIds());
    if (!input) return this.refuse(response, 422, await this.form(user, request, values, null, errors));
    try {
      const person = await this.directory.createPerson(user.id, input);
      response.redirect(303, `/people/${person.id}?changed=added`);
    } catch (error) {
      const status = problemStatus(error);
      this.refuse(response, status, await this.form(user, request, values, null, byField(error as Problem)));
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
    await this.access.personVisible(user, id);
    const person = await this.directory.person(id);
    const agency = person.agencyId ? await this.directory.agency(person.agencyId) : null;
    response.type('html').send(
      this.pages.render('person', {
        ...this.base(user, request, person.name),
        person,
        kindLabel: PERSON_KIND_LABELS[person.kind],
        agency: agency?.name ?? null,
        notice: changed === 'added' ? 'The person has been added' : changed ? 'The details have been changed' : null,
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
    await this.access.personVisible(user, id);
    const person = await this.directory.person(id);
    const values = {
      name: person.name,
      email: person.email ?? '',
      phone: person.phone ?? '',
      agencyId: person.agencyId ?? '',
      kind: person.kind,
    };
    response.type('html').send(await this.form(user, request, values, { id, version: person.version }));
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
    await this.access.personVisible(user, id);
    const values = valuesOf(form);
    const editing = { id, version: Number(form.version) || 0 };
    const { input, errors } = readPersonChange(values, await this.agencyIds());
    if (!input) return this.refuse(response, 422, await this.form(user, request, values, editing, errors));
    try {
      await this.directory.updatePerson(
        { id: user.id, isAdmin: user.roles.includes('ADMIN') },
        id,
        input,
        versionEtag(editing),
      );
      response.redirect(303, `/people/${id}?changed=details`);
    } catch (error) {
      const status = problemStatus(error);
      const errors = status === 412 ? { name: STALE_DETAILS } : byField(error as Problem);
      this.refuse(response, status, await this.form(user, request, values, editing, errors));
    }
  }

  private base(user: StaffUser, request: PageRequest, title: string) {
    return { title, nav: 'people' as const, user: { name: user.name, csrfToken: request.csrfToken ?? '' } };
  }

  private async form(
    user: StaffUser,
    request: PageRequest,
    values: Form,
    editing: { id: string; version: number } | null,
    errors: Record<string, string> = {},
  ) {
    const agencies = await this.repository.agencies();
    return this.pages.render('person-form', {
      ...this.base(user, request, editing ? 'Change the person’s details' : 'Add a person'),
      editing,
      action: editing ? `/people/${editing.id}/edit` : '/people/new',
      values,
      kinds: Object.entries(PERSON_KIND_LABELS).map(([value, label], i) => ({
        value,
        label,
        id: i === 0 ? 'kind' : `kind-${value.toLowerCase()}`,
        checked: values.kind === value,
      })),
      agencies: agencies.map((a) => ({ ...a, selected: a.id === values.agencyId })),
      ...summary(errors),
    });
  }

  private async agencyIds(): Promise<Set<string>> {
    return new Set((await this.repository.agencies()).map((a) => a.id));
  }

  private refuse(response: Response, status: number, html: string) {
    response.status(status).type('html').send(html);
  }
}

function valuesOf(form: Form): Form {
  return Object.fromEntries(PERSON_FIELDS.map((field) => [field, (form[field] ?? '').trim()]));
}

function byField(error: Problem): Record<string, string> {
  if (error.errors?.length)
    return Object.fromEntries(error.errors.map((e) => [fieldOfPersonError(e.field), sentence(e.message)]));
  return { name: sentence(error.detail) };
}
