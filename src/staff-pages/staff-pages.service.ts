import { Injectable } from '@nestjs/common';
import { AccessPolicy, namedCondition } from '../access/access-policy';
import { visibility } from '../access/meeting-access';
import type { StaffUser } from '../auth/staff-user';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MEETING_TYPES, MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';
import type { MeetingView } from '../meetings/meeting-view';
import { MeetingsService } from '../meetings/meetings.service';
import { londonDateTime } from '../templates/london-format';
import { Clock } from '../time/clock';
import { summary } from '../web/error-summary';
import { ListQuery, listFilters, PAGE_SIZE, pageHref } from './list-filters';
import { meetingRow, MeetingRow, yourWeeks } from './page-models';
import { NeedRow, StaffPagesRepository } from './staff-pages.repository';

export type MeetingsListQuery = ListQuery;

const DAY = 24 * 3600_000;

export interface MeetingsList {
  rows: MeetingRow[];
  total: number;
  page: number;
  errors: Record<string, string>;
}

/** The words for a list of things needing the person: one line per meeting, linked to it. */
function needLines(
  rows: NeedRow[],
  rules: Readonly<Record<MeetingType, MeetingTypeRules>>,
  say: (count: number) => string,
) {
  return rows.map((r) => ({
    href: `/meetings/${r.meetingId}`,
    text: `${rules[r.type as MeetingType].label}, ${londonDateTime(r.startsAt)}: ${say(r.count)}`,
  }));
}

/** What the pages read: the person's own weeks and what needs them, and the filtered list, each through the access policy. */
@Injectable()
export class StaffPagesService {
  constructor(
    private readonly repository: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  async home(user: StaffUser) {
    const now = this.clock.now();
    const ids = await this.repository.myMeetingIds(
      user,
      new Date(now.getTime() - DAY),
      new Date(now.getTime() + 15 * DAY),
      this.access.visibleMeetings(user, 'm', 4),
    );
    const rows = await this.rowsOf(await this.meetings.viewAll(ids));
    const approverOf = MEETING_TYPES.filter((type) =>
      this.rules.of(type).minutesApproverRoles.some((role) => user.roles.includes(role)),
    );
    const [failed, replies, reports, toWrite, toApprove] = await Promise.all([
      this.repository.failedInvites(user, now),
      this.repository.missingReplies(user, now, new Date(now.getTime() + 14 * DAY)),
      this.repository.missingReports(user, now),
      this.repository.recordsToWrite(user, now),
      approverOf.length
        ? this.repository.recordsToApprove(user, approverOf, this.access.visibleMeetings(user, 'm', 3))
        : Promise.resolve([]),
    ]);
    const table = this.rules.table;
    const needs = [
      ...needLines(failed, table, (n) => `${n} invitation${n === 1 ? '' : 's'} failed`),
      ...needLines(replies, table, (n) => `${n} ${n === 1 ? 'person has' : 'people have'} not replied`),
      ...needLines(reports, table, (n) => `${n} report${n === 1 ? '' : 's'} not in`),
      ...needLines(toWrite, table, () => 'the record to write'),
      ...needLines(toApprove, table, () => 'the record to approve'),
    ];
    return {
      sections: yourWeeks(
        rows.filter((r) => !r.cancelled),
        now,
      ),
      needs,
    };
  }

  async list(user: StaffUser, query: MeetingsListQuery): Promise<MeetingsList> {
    const { filters, errors } = listFilters(query);
    if (Object.keys(errors).length) return { rows: [], total: 0, page: 1, errors };
    const caseId = filters.caseReference ? await this.repository.caseIdByReference(filters.caseReference) : undefined;
    if (caseId === null) return { rows: [], total: 0, page: 1, errors };
    const { items, total } = await this.meetings.list(
      {
        type: filters.type,
        from: filters.from,
        to: filters.to,
        caseId,
        limit: PAGE_SIZE,
        offset: (filters.page - 1) * PAGE_SIZE,
      },
      this.listCondition(user),
    );
    return { rows: await this.rowsOf(items), total, page: filters.page, errors };
  }

  /**
   * The access policy's condition for the list; for someone who sees no type's every meeting (a chair, an IRO), also
   * "one of theirs" as an index-friendly set (chaired, booked, minuted or invited to): the same rows, found from the
   * person instead of by reading every meeting (issue 24: the list at 1M meetings).
   */
  private listCondition(user: StaffUser): { sql: string; params: Record<string, unknown> } {
    const visible = namedCondition(this.access.visibleMeetings(user, 'm', 1), 1);
    if (visibility(this.rules.table, user.roles).everyMeetingOf.length) return visible;
    return {
      sql: `${visible.sql} AND m.id IN (
              SELECT id FROM meetings WHERE chair_id = :mine::uuid UNION SELECT id FROM meetings WHERE booked_by = :mine::text
              UNION SELECT id FROM meetings WHERE minute_taker_id = :mine::uuid
              UNION SELECT meeting_id FROM participants WHERE person_id = :mine::uuid AND removed_at IS NULL)`,
      params: { ...visible.params, mine: user.id },
    };
  }

  private async rowsOf(views: MeetingView[]): Promise<MeetingRow[]> {
    const names = await this.repository.names([...new Set(views.map((v) => v.chairId))]);
    return views.map((v) => meetingRow(v, this.rules.table, names));
  }
}

/**
 * The pages to link (GOV.UK pagination for many pages): the first, the last, the current one and those either side of
 * it; `null` for each gap (an ellipsis), so a list of 50,000 pages links five, not 50,000.
 */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1] > 1 ? [null, n] : [n]));
}

/** The list page's context: the filters as typed, the type options as words, the GOV.UK pagination links. */
export function meetingsListPage(
  query: MeetingsListQuery,
  list: MeetingsList,
  table: Readonly<Record<MeetingType, MeetingTypeRules>>,
) {
  const value = (key: string) => (Array.isArray(query[key]) ? query[key][0] : query[key]) ?? '';
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  return {
    ...summary(list.errors),
    rows: list.rows,
    total: list.total,
    typeOptions: MEETING_TYPES.map((type) => ({
      value: type,
      label: table[type].label,
      selected: value('type') === type,
    })),
    values: Object.fromEntries(
      ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'case'].map((k) => [k, value(k)]),
    ),
    pagination:
      pages > 1
        ? {
            previous: list.page > 1 ? pageHref(query, list.page - 1) : null,
            next: list.page < pages ? pageHref(query, list.page + 1) : null,
            items: pageNumbers(list.page, pages).map((number) =>
              number === null
                ? { ellipsis: true }
                : { number, href: pageHref(query, number), current: number === list.page },
            ),
          }
        : null,
    showing: list.total
      ? `${(list.page - 1) * PAGE_SIZE + 1} to ${Math.min(list.page * PAGE_SIZE, list.total)} of ${list.total}`
      : null,
  };
}
