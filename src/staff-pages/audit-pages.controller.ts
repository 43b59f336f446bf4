import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { summary } from '../web/error-summary';
import { CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { londonDateTime } from '../templates/london-format';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { auditActionLabel, auditFilter, auditPageHref } from './audit-page';
import { ListQuery } from './list-filters';
import { AUDIT_PAGE_SIZE, AuditRow, RecordPagesRepository } from './record-pages.repository';

type PageRequest = { csrfToken?: string };

/**
 * Who did what to a meeting or a person (issue 21), for coordinators and administrators, as the API's audit trail
 * is: only events about meetings the caller sees, and a person's only when the caller may look that person up.
 */
@ApiExcludeController()
@Controller('audit')
@UseFilters(PageErrorsFilter)
export class AuditPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly repository: RecordPagesRepository,
    private readonly access: AccessPolicy,
  ) {}

  @Get()
  @Roles('COORDINATOR', 'MARAC_COORDINATOR')
  async list(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query() query: ListQuery,
    @Res() response: Response,
  ) {
    const { filter, errors } = auditFilter(query);
    const values = Object.fromEntries(
      Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
    );
    const context = {
      title: 'Audit',
      nav: 'audit' as const,
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      values,
    };
    if (Object.keys(errors).length)
      return response
        .status(422)
        .type('html')
        .send(this.pages.render('record-audit', { ...context, ...summary(errors), rows: [] }));
    if (filter.meetingId) await this.access.meeting(user, filter.meetingId, 'see', 'audit.read');
    if (filter.personId) await this.access.personVisible(user, filter.personId);
    const { rows, total } = await this.repository.audit(this.access.visibleMeetings(user, 'm', 1), filter);
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    response.type('html').send(
      this.pages.render('record-audit', {
        ...context,
        rows: rows.map(auditRow),
        total,
        page: filter.page,
        pages,
        previous: filter.page > 1 ? auditPageHref(query, filter.page - 1) : null,
        next: filter.page < pages ? auditPageHref(query, filter.page + 1) : null,
      }),
    );
  }
}

function auditRow(row: AuditRow) {
  return {
    when: londonDateTime(row.at),
    who: row.actorName ?? (row.actor.startsWith('participant:') ? 'A participant, by their personal link' : 'Quorum'),
    what: auditActionLabel(row.action),
    meetingHref: row.meetingId ? `/meetings/${row.meetingId}` : null,
    person: row.personName,
  };
}
