import { MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';

/** One row of the committee tables: a meeting type, or ALL. */
export interface MeetingsReportRow {
  type: MeetingType | 'ALL';
  held: number;
  cancelled: number;
  /** How meetings were held: the methods their records give, or the booked format where no record says. */
  byFormat: Record<'IN_PERSON' | 'VIRTUAL' | 'HYBRID', { count: number; percent: number | null }>;
  /** Meetings counted in byFormat by their booked format, because no record says how they were held. */
  formatFromBooking: { count: number; percent: number | null };
  /** Meetings with a part held as separate conversations (no joint discussion). */
  separateConversations: { count: number; percent: number | null };
  withinTimescale: { count: number; measured: number; percent: number | null };
  splitSessions: { count: number; percent: number | null };
  quorate: { count: number; measured: number; percent: number | null };
  reportsOnTime: { count: number; required: number; percent: number | null };
  minutesDecisionsOnTime: { count: number; measured: number; percent: number | null };
  minutesDistributedOnTime: { count: number; measured: number; percent: number | null };
  childParticipation: {
    byCode: Record<string, number>;
    participating: number;
    measured: number;
    percent: number | null;
  } | null;
}

export interface AggregateRow {
  type: MeetingType;
  held: number;
  cancelled: number;
  in_person: number;
  virtual: number;
  hybrid: number;
  format_from_booking: number;
  separate_conversations: number;
  within: number;
  measured: number;
  split: number;
  quorate: number;
  quorum_measured: number;
  reports_on_time: number;
  reports_required: number;
  decisions_on_time: number;
  decisions_measured: number;
  distributed_on_time: number;
  distributed_measured: number;
}

export const percent = (count: number, of: number): number | null =>
  of > 0 ? Math.round((1000 * count) / of) / 10 : null;

/** PN1–PN6: the child took part in some way; PN0 (under 4) is left out of the rate (SSDA903 practice). */
export const PARTICIPATING_CODES = ['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6'];

export function toReportRows(
  aggregates: AggregateRow[],
  participation: { code: string; n: number }[],
): MeetingsReportRow[] {
  const zero = (type: MeetingType): AggregateRow => ({
    type,
    held: 0,
    cancelled: 0,
    in_person: 0,
    virtual: 0,
    hybrid: 0,
    format_from_booking: 0,
    separate_conversations: 0,
    within: 0,
    measured: 0,
    split: 0,
    quorate: 0,
    quorum_measured: 0,
    reports_on_time: 0,
    reports_required: 0,
    decisions_on_time: 0,
    decisions_measured: 0,
    distributed_on_time: 0,
    distributed_measured: 0,
  });
  const byType = new Map(aggregates.map((a) => [a.type, a]));
  const rows = MEETING_TYPES.map((type) => byType.get(type) ?? zero(type));
  const total = rows.reduce((sum, r) => {
    const out = { ...sum };
    for (const key of Object.keys(r) as (keyof AggregateRow)[])
      if (key !== 'type') (out[key] as number) += Number(r[key]);
    return out;
  }, zero('STRATEGY'));
  const lacCodes = Object.fromEntries(participation.map((p) => [p.code, Number(p.n)]));
  const measuredCodes = participation.filter((p) => p.code !== 'PN0').reduce((s, p) => s + Number(p.n), 0);
  const participating = participation
    .filter((p) => PARTICIPATING_CODES.includes(p.code))
    .reduce((s, p) => s + Number(p.n), 0);
  const row = (type: MeetingType | 'ALL', a: AggregateRow): MeetingsReportRow => {
    const held = Number(a.held);
    return {
      type,
      held,
      cancelled: Number(a.cancelled),
      byFormat: {
        IN_PERSON: { count: Number(a.in_person), percent: percent(Number(a.in_person), held) },
        VIRTUAL: { count: Number(a.virtual), percent: percent(Number(a.virtual), held) },
        HYBRID: { count: Number(a.hybrid), percent: percent(Number(a.hybrid), held) },
      },
      formatFromBooking: {
        count: Number(a.format_from_booking),
        percent: percent(Number(a.format_from_booking), held),
      },
      separateConversations: {
        count: Number(a.separate_conversations),
        percent: percent(Number(a.separate_conversations), held),
      },
      withinTimescale: {
        count: Number(a.within),
        measured: Number(a.measured),
        percent: percent(Number(a.within), Number(a.measured)),
      },
      splitSessions: { count: Number(a.split), percent: percent(Number(a.split), held) },
      quorate: {
        count: Number(a.quorate),
        measured: Number(a.quorum_measured),
        percent: percent(Number(a.quorate), Number(a.quorum_measured)),
      },
      reportsOnTime: {
        count: Number(a.reports_on_time),
        required: Number(a.reports_required),
        percent: percent(Number(a.reports_on_time), Number(a.reports_required)),
      },
      minutesDecisionsOnTime: {
        count: Number(a.decisions_on_time),
        measured: Number(a.decisions_measured),
        percent: percent(Number(a.decisions_on_time), Number(a.decisions_measured)),
      },
      minutesDistributedOnTime: {
        count: Number(a.distributed_on_time),
        measured: Number(a.distributed_measured),
        percent: percent(Number(a.distributed_on_time), Number(a.distributed_measured)),
      },
      childParticipation:
        type === 'LAC_REVIEW' || type === 'ALL'
          ? { byCode: lacCodes, participating, measured: measuredCodes, percent: percent(participating, measuredCodes) }
          : null,
    };
  };
  return [...rows.map((r) => row(r.type, r)), row('ALL', total)];
}

/** Every SSDA903 participation code, so the CSV has the same columns whichever codes were recorded. */
export const PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'];

/**
 * The committee table as CSV: one line per meeting type and one for all, with every figure the JSON has
 * (API.md "Reports": the same as CSV). Columns added later go at the end, so readers by position keep working.
 * A figure that does not apply (child participation outside LAC reviews) is an empty cell, as `null` is in JSON.
 */
export function toCsv(rows: MeetingsReportRow[]): string {
  const header = [
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
    ...PARTICIPATION_CODES.map((code) => `child_participation_${code.toLowerCase()}`),
    'format_from_booking',
    'format_from_booking_pct',
    'separate_conversations',
    'separate_conversations_pct',
  ];
  const cell = (v: number | string | null) => (v === null ? '' : String(v));
  const lines = rows.map((r) => {
    const child = r.childParticipation;
    return [
      r.type,
      r.held,
      r.cancelled,
      r.byFormat.IN_PERSON.count,
      r.byFormat.IN_PERSON.percent,
      r.byFormat.VIRTUAL.count,
      r.byFormat.VIRTUAL.percent,
      r.byFormat.HYBRID.count,
      r.byFormat.HYBRID.percent,
      r.withinTimescale.count,
      r.withinTimescale.measured,
      r.withinTimescale.percent,
      r.splitSessions.count,
      r.quorate.count,
      r.quorate.measured,
      r.quorate.percent,
      r.reportsOnTime.count,
      r.reportsOnTime.required,
      r.reportsOnTime.percent,
      r.minutesDecisionsOnTime.percent,
      r.minutesDistributedOnTime.percent,
      child?.percent ?? null,
      r.splitSessions.percent,
      r.minutesDecisionsOnTime.count,
      r.minutesDecisionsOnTime.measured,
      r.minutesDistributedOnTime.count,
      r.minutesDistributedOnTime.measured,
      child?.participating ?? null,
      child?.measured ?? null,
      ...PARTICIPATION_CODES.map((code) => (child ? (child.byCode[code] ?? 0) : null)),
      r.formatFromBooking.count,
      r.formatFromBooking.percent,
      r.separateConversations.count,
      r.separateConversations.percent,
    ]
      .map(cell)
      .join(',');
  });
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
