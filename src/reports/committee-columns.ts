import { CHILD_PARTICIPATION_CODES } from '../meeting-types/meeting-types';

/**
 * The committee report's columns, each declared once: its SQL, its JSON field, its CSV headers and its cell on the
 * pages. A new column is one entry here (reading what the SQL of reports.repository.ts makes available: held
 * meetings `h`, their sessions `s`, minutes `mi` and reports owed `r`, and every meeting in range `t`).
 *
 * - `count`: a number (held, cancelled).
 * - `share`: a count and its percent of the meetings held.
 * - `ratio`: a count, what it is measured against (`of`), and the percent.
 * - `childParticipation`: the SSDA903 codes, from their own query, for the types that take them.
 */
export type CommitteeColumn =
  | (Common & { kind: 'count'; sql: string; csv: string })
  | (Common & { kind: 'share'; sql: string; csv: { count: string; percent?: string }; cell?: 'count' })
  | (Common & {
      kind: 'ratio';
      sql: string;
      of: { field: 'measured' | 'required'; sql: string };
      csv: { count?: string; of?: string; percent?: string };
      cell?: 'countOf';
    })
  | (Common & { kind: 'childParticipation'; csv: { percent: string; participating: string; measured: string } });

interface Common {
  /** Where it is in a JSON row (`byFormat.IN_PERSON` is `row.byFormat.IN_PERSON`). */
  field: string;
  /** Its heading on the staff page, and on the printed `/reports` page where that differs; none: not on the pages. */
  page?: { label: string; printLabel?: string };
}

const share = (field: string, sql: string, csv: string, page?: Common['page'], cell?: 'count'): CommitteeColumn => ({
  kind: 'share',
  field,
  sql: `count(h.id) FILTER (WHERE ${sql})`,
  csv: { count: csv, percent: `${csv}_pct` },
  page,
  cell,
});

export const COMMITTEE_COLUMNS: readonly CommitteeColumn[] = [
  { kind: 'count', field: 'held', sql: 'count(h.id)', csv: 'held', page: { label: 'Held' } },
  {
    kind: 'count',
    field: 'cancelled',
    sql: `count(*) FILTER (WHERE t.status = 'CANCELLED')`,
    csv: 'cancelled',
    page: { label: 'Cancelled' },
  },
  // How meetings were held: the methods their records give, or the booked format where no record says.
  share(`byFormat.IN_PERSON`, `h.format = 'IN_PERSON'`, 'in_person', { label: 'In person', printLabel: 'Physical' }),
  share(`byFormat.VIRTUAL`, `h.format = 'VIRTUAL'`, 'virtual', { label: 'Video', printLabel: 'Virtual' }),
  share(`byFormat.HYBRID`, `h.format = 'HYBRID'`, 'hybrid', { label: 'In person and video', printLabel: 'Hybrid' }),
  // Counted in byFormat by their booked format, because no record says how they were held.
  share(
    'formatFromBooking',
    'h.from_booking',
    'format_from_booking',
    { label: 'Format as booked (no record says how it was held)' },
    'count',
  ),
  {
    kind: 'ratio',
    field: 'withinTimescale',
    sql: 'count(h.id) FILTER (WHERE h.within_timescale)',
    of: { field: 'measured', sql: 'count(h.id) FILTER (WHERE h.within_timescale IS NOT NULL)' },
    csv: { count: 'within_timescale', of: 'timescale_measured', percent: 'within_timescale_pct' },
    page: { label: 'Within timescale' },
    cell: 'countOf',
  },
  // A part held as separate conversations (no joint discussion).
  share('separateConversations', 'h.separate', 'separate_conversations', { label: 'Separate conversations' }, 'count'),
  share('splitSessions', 's.n > 1', 'split_sessions', { label: 'Split' }, 'count'),
  {
    kind: 'ratio',
    field: 'quorate',
    sql: 'count(h.id) FILTER (WHERE mi.quorate)',
    of: { field: 'measured', sql: 'count(h.id) FILTER (WHERE mi.quorate IS NOT NULL)' },
    csv: { count: 'quorate', of: 'quorum_measured', percent: 'quorate_pct' },
    page: { label: 'Quorate' },
  },
  {
    kind: 'ratio',
    field: 'reportsOnTime',
    sql: 'coalesce(sum(r.on_time), 0)',
    of: { field: 'required', sql: 'coalesce(sum(r.required), 0)' },
    csv: { count: 'reports_on_time', of: 'reports_required', percent: 'reports_on_time_pct' },
    page: { label: 'Reports on time' },
  },
  {
    kind: 'ratio',
    field: 'minutesDecisionsOnTime',
    sql: `count(h.id) FILTER (WHERE mi.decisions_shared_at IS NOT NULL AND (mi.decisions_shared_at AT TIME ZONE 'Europe/London')::date <= mi.decisions_due_on)`,
    of: {
      field: 'measured',
      sql: `count(h.id) FILTER (WHERE mi.id IS NOT NULL AND (mi.decisions_shared_at IS NOT NULL OR mi.decisions_due_on < ($3 AT TIME ZONE 'Europe/London')::date))`,
    },
    csv: {
      count: 'minutes_decisions_on_time',
      of: 'minutes_decisions_measured',
      percent: 'minutes_decisions_on_time_pct',
    },
  },
  {
    kind: 'ratio',
    field: 'minutesDistributedOnTime',
    sql: `count(h.id) FILTER (WHERE mi.distributed_at IS NOT NULL AND (mi.distributed_at AT TIME ZONE 'Europe/London')::date <= mi.record_due_on)`,
    of: {
      field: 'measured',
      sql: `count(h.id) FILTER (WHERE mi.distributed_at IS NOT NULL OR mi.record_due_on < ($3 AT TIME ZONE 'Europe/London')::date)`,
    },
    csv: {
      count: 'minutes_distributed_on_time',
      of: 'minutes_distributed_measured',
      percent: 'minutes_distributed_on_time_pct',
    },
    page: { label: 'Records on time', printLabel: 'Minutes on time' },
  },
  {
    kind: 'childParticipation',
    field: 'childParticipation',
    csv: {
      percent: 'child_participation_pct',
      participating: 'child_participation_participating',
      measured: 'child_participation_measured',
    },
  },
];

/**
 * The CSV's columns as first published, in that order, so readers by position keep working (API.md "Reports").
 * A header not listed here (a column added since) follows these, in the order of COMMITTEE_COLUMNS.
 */
export const PUBLISHED_CSV_ORDER: readonly string[] = [
  'type',
  'held',
  'cancelled',
  'in_person',
  'in_person_pct',
  'virtual',
  'virtual_pct',
  'hybrid',
  'hybrid_pct',
  'within_timescale',
  'timescale_measured',
  'within_timescale_pct',
  'split_sessions',
  'quorate',
  'quorum_measured',
  'quorate_pct',
  'reports_on_time',
  'reports_required',
  'reports_on_time_pct',
  'minutes_decisions_on_time_pct',
  'minutes_distributed_on_time_pct',
  'child_participation_pct',
  'split_sessions_pct',
  'minutes_decisions_on_time',
  'minutes_decisions_measured',
  'minutes_distributed_on_time',
  'minutes_distributed_measured',
  'child_participation_participating',
  'child_participation_measured',
  ...CHILD_PARTICIPATION_CODES.map((code) => `child_participation_${code.toLowerCase()}`),
  'format_from_booking',
  'format_from_booking_pct',
  'separate_conversations',
  'separate_conversations_pct',
];
