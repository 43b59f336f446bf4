import { meetingTypeLabel } from '../meeting-types/labels';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Controller, Get, HttpStatus, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { ANY_STAFF, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { IsCalendarDate } from '../http/dates';
import { Problem } from '../http/problem';
import { TemplateRenderer } from '../templates/template-renderer';
import { Clock } from '../time/clock';
import { londonDateOf } from '../time/london';
import { addDays } from '../time/working-days';
import { DueReport } from './due-report';
import { MaracReport, maracPageContext } from './marac-report';
import { toCsv } from './meetings-report';
import { reportPageContext } from './report-page';
import { ReportsService } from './reports.service';

export class ReportRangeQuery {
  @ApiPropertyOptional({ example: '2026-04-01', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class DueQuery {
  @ApiPropertyOptional({ default: 14 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly due: DueReport,
    private readonly renderer: TemplateRenderer,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
    private readonly marac: MaracReport,
    private readonly rules: MeetingRules,
  ) {}

  /** JSON, or CSV when the client prefers `text/csv` (q-values honoured; JSON when both are equally welcome). */
  @Get('api/reports/meetings')
  @Roles(...ANY_STAFF)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Per meeting type and in all (rows, also as items/total). `Accept: text/csv` gives the same figures as CSV, one line per row.',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            rows: { type: 'array', items: { type: 'object' } },
            items: { type: 'array', items: { type: 'object' } },
            total: { type: 'integer' },
          },
        },
      },
      'text/csv': { schema: { type: 'string' }, example: 'type,held,cancelled,…\r\nICPC,2,0,…\r\n' },
    },
  })
  async meetings(@Query() query: ReportRangeQuery, @Req() request: Request, @Res() response: Response) {
    const { from, to } = this.range(query);
    const format = request.accepts(['application/json', 'text/csv']);
    if (!format)
      throw new Problem(HttpStatus.NOT_ACCEPTABLE, 'This report is available as application/json or text/csv');
    const report = await this.reports.meetings(from, to);
    if (format === 'text/csv') {
      response.type('text/csv; charset=utf-8').attachment(`meetings-${from}-${to}.csv`).send(toCsv(report.rows));
      return;
    }
    response.json({ ...report, items: report.rows, total: report.rows.length });
  }

  @Get('api/reports/due')
  @Roles(...ANY_STAFF)
  dueSoon(@CurrentUser() user: StaffUser, @Query() query: DueQuery) {
    return this.due.within(query.days ?? 14, {
      cases: this.access.visibleCases(user, 'c', 1),
      meetings: this.access.visibleMeetings(user, 'm', 2),
    });
  }

  /**
   * MARAC figures as its coordinator reads them: cases heard, repeats within 12 months, referrals by agency and
   * criteria. MARAC is a compartment (SafeLives): its coordinators only.
   */
  @Get('api/reports/marac')
  @Roles('MARAC_COORDINATOR')
  maracFigures(@CurrentUser() user: StaffUser, @Query() query: ReportRangeQuery) {
    this.marac.assertReader(user);
    const { from, to } = this.range(query);
    return this.marac.figures(from, to);
  }

  /** The same tables as an HTML page with charts, readable when printed (no build step). */
  @Get('reports')
  @ApiExcludeEndpoint()
  async page(@CurrentUser() user: StaffUser, @Query() query: ReportRangeQuery, @Res() response: Response) {
    const { from, to } = this.range(query);
    const report = await this.reports.meetings(from, to);
    const monthly = await this.reports.monthlyTimeliness(from, to);
    // MARAC figures, labelled, for those who read them (GET /api/reports/marac's readers) and no one else.
    const marac = this.marac.mayRead(user) ? maracPageContext(await this.marac.figures(from, to)) : null;
    response.type('html').send(
      this.renderer.render('pages/reports.html', {
        ...reportPageContext(report, monthly, (type) => meetingTypeLabel(this.rules.table, type)),
        marac,
      }),
    );
  }

  private range(query: ReportRangeQuery): { from: string; to: string } {
    const today = londonDateOf(this.clock.now());
    const to = query.to ?? today;
    const from = query.from ?? addDays(to, -365);
    if (from > to) throw Problem.badRequest('from', 'must not be after to');
    return { from, to };
  }
}
