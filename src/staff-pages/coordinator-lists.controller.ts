import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { mayBook } from '../access/meeting-access';
import { summary } from '../web/error-summary';
import { ANY_STAFF, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MEETING_TYPES } from '../meeting-types/meeting-types';
import { SafetyService } from '../meetings/safety.service';
import { DueReport } from '../reports/due-report';
import { toCsv } from '../reports/meetings-report';
import { ReportsService } from '../reports/reports.service';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { committeeReport, reportRange } from './committee-report';
import { CoordinatorListsRepository } from './coordinator-lists.repository';
import { dueLines, taskSections } from './coordinator-lists';
import { RecordsWaiting } from './records-waiting';
import { StaffPagesRepository } from './staff-pages.repository';

type PageRequest = { csrfToken?: string };
/** How far ahead the due list looks, as the API's default window is for a fortnight and a coordinator plans a month. */
const DUE_DAYS = 28;

/** The coordinator's lists (issue 21): tasks, what falls due, the committee report. Each filtered by the access policy. */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorsFilter)
@Roles(...ANY_STAFF)
export class CoordinatorListsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly lists: CoordinatorListsRepository,
    private readonly staffPages: StaffPagesRepository,
    private readonly safety: SafetyService,
    private readonly due: DueReport,
    private readonly reports: ReportsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
    private readonly waiting: RecordsWaiting,
  ) {}

  @Get('tasks')
  async tasks(@CurrentUser() user: StaffUser, @Req() request: PageRequest, @Res() response: Response) {
    const now = this.clock.now();
    const [noEmail, failedInvites, lateReports, awaitingApproval, due, helpRequests] = await Promise.all([
      this.safety.tasks(undefined, 30, this.access.visibleMeetings(user, 'm', 3)),
      this.lists.failedInvites(now, this.access.visibleMeetings(user, 'm', 2)),
      this.lists.lateReports(now, this.access.visibleMeetings(user, 'm', 2)),
      this.waiting.forApproval(user),
      this.dueItems(user, 0),
      this.lists.helpRequests(now, this.access.visibleMeetings(user, 'm', 2)),
    ]);
    const names = await this.staffPages.names(noEmail.items.map((i) => i.personId));
    const overdue = due.items.filter((i) => i.kind === 'RECORD_NOT_DISTRIBUTED' && i.overdue && i.meetingId);
    const starts = await this.lists.startsOf(overdue.map((i) => i.meetingId!));
    const sections = taskSections(this.rules.table, {
      noEmail: noEmail.items.map((i) => ({ ...i, name: names.get(i.personId)?.name ?? 'Unknown' })),
      failedInvites,
      lateReports,
      overdueRecords: overdue
        .filter((i) => starts.has(i.meetingId!))
        .map((i) => ({ meetingId: i.meetingId!, type: i.type, startsAt: starts.get(i.meetingId!)!, dueBy: i.dueBy })),
      awaitingApproval: awaitingApproval.map((r) => ({
        meetingId: r.meetingId,
        type: r.type,
        startsAt: r.startsAt,
        detail: r.submittedAt ? londonDateOf(r.submittedAt) : null,
      })),
      helpRequests,
    });
    const total = sections.reduce((n, s) => n + s.lines.length, 0);
    response
      .type('html')
      .send(
        this.pages.render('tasks', { title: 'Tasks', nav: 'tasks', user: pageUser(user, request), sections, total }),
      );
  }

  @Get('due')
  async dueList(@CurrentUser() user: StaffUser, @Req() request: PageRequest, @Res() response: Response) {
    const due = await this.dueItems(user, DUE_DAYS);
    const bookable = MEETING_TYPES.filter((t) => mayBook(this.rules.of(t).access, user.roles));
    const references = await this.lists.caseReferencesOf(
      due.items.flatMap((i) => (i.meetingId && !i.reference ? [i.meetingId] : [])),
    );
    const items = due.items.map((i) =>
      i.meetingId && !i.reference ? { ...i, reference: references.get(i.meetingId) } : i,
    );
    const lines = dueLines(this.rules.table, items, bookable);
    response.type('html').send(
      this.pages.render('due', {
        title: 'What falls due',
        nav: 'due',
        user: pageUser(user, request),
        lines,
        days: DUE_DAYS,
        overdueCount: lines.filter((l) => l.overdue).length,
      }),
    );
  }

  /** The committee report with labels, for a date range chosen with GOV.UK date inputs. */
  @Get('reports/committee')
  async committee(
    @CurrentUser() user: StaffUser,
    @Req() request: PageRequest,
    @Query() query: Record<string, string | undefined>,
    @Res() response: Response,
  ) {
    const { range, values, errors } = reportRange(query, londonDateOf(this.clock.now()));
    const page = {
      title: 'Meetings report',
      nav: 'reports' as const,
      user: pageUser(user, request),
      values,
      ...summary(errors),
    };
    if (!range) return response.status(422).type('html').send(this.pages.render('committee-report', page));
    const report = await this.reports.meetings(range.from, range.to);
    response
      .type('html')
      .send(this.pages.render('committee-report', { ...page, ...committeeReport(this.rules.table, report) }));
  }

  /** The same figures as CSV, as a plain link can fetch them (a browser asks for HTML, not `text/csv`). */
  @Get('reports/committee.csv')
  async committeeCsv(@Query() query: Record<string, string | undefined>, @Res() response: Response) {
    const { range, errors } = reportRange(query, londonDateOf(this.clock.now()));
    if (!range) return response.status(422).type('text/plain').send(Object.values(errors).join('\n'));
    const report = await this.reports.meetings(range.from, range.to);
    response
      .type('text/csv; charset=utf-8')
      .attachment(`meetings-${range.from}-${range.to}.csv`)
      .send(toCsv(report.rows));
  }

  private dueItems(user: StaffUser, days: number) {
    return this.due.within(Math.max(days, 1), {
      cases: this.access.visibleCases(user, 'c', 1),
      meetings: this.access.visibleMeetings(user, 'm', 2),
    });
  }
}

function pageUser(user: StaffUser, request: PageRequest) {
  return { name: user.name, csrfToken: request.csrfToken ?? '' };
}
