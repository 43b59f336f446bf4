import {
  CHILD_PARTICIPATION_CODES,
  CHILD_PARTICIPATING_CODES,
  MEETING_TYPES,
  MeetingType,
  MeetingTypeRules,
} from '../meeting-types/meeting-types';
import { COMMITTEE_COLUMNS, CommitteeColumn, PUBLISHED_CSV_ORDER } from './committee-columns';

type Fraction = { count: number; percent: number | null };

/** One row of the committee tables: a meeting type, or ALL (the fields are COMMITTEE_COLUMNS'). */
export interface MeetingsReportRow {
  type: MeetingType | 'ALL';
  held: number;
  cancelled: number;
  byFormat: Record<'IN_PERSON' | 'VIRTUAL' | 'HYBRID', Fraction>;
  formatFromBooking: Fraction;
  separateConversations: Fraction;
  withinTimescale: Fraction & { measured: number };
  splitSessions: Fraction;
  quorate: Fraction & { measured: number };
  reportsOnTime: Fraction & { required: number };
  minutesDecisionsOnTime: Fraction & { measured: number };
  minutesDistributedOnTime: Fraction & { measured: number };
  childParticipation: ChildParticipation | null;
}

interface ChildParticipation {
  byCode: Record<string, number>;
  participating: number;
  measured: number;
  percent: number | null;
}

/** What the SQL gives per meeting type: each column's figures by alias (`aliasOf`), as numbers or numeric strings. */
export type AggregateRow = { type: MeetingType } & Record<string, number | string>;

export const percent = (count: number, of: number): number | null =>
  of > 0 ? Math.round((1000 * count) / of) / 10 : null;

/** A column's name in SQL, from its JSON field (`byFormat.IN_PERSON` → `byformat_in_person`). */
const aliasOf = (field: string) => field.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();

/** The aggregate SELECT list, one or two expressions per column (a ratio's count and what it is measured against). */
export function aggregateSelect(): string {
  return COMMITTEE_COLUMNS.flatMap((c) => {
    if (c.kind === 'childParticipation') return [];
    const alias = aliasOf(c.field);
    return c.kind === 'ratio' ? [`${c.sql} AS "${alias}"`, `${c.of.sql} AS "${alias}_of"`] : [`${c.sql} AS "${alias}"`];
  }).join(',\n              ');
}

function value(c: CommitteeColumn, a: AggregateRow, child: ChildParticipation | null): unknown {
  const n = (alias: string) => Number(a[alias] ?? 0);
  const alias = aliasOf(c.field);
  switch (c.kind) {
    case 'count':
      return n(alias);
    case 'share':
      return { count: n(alias), percent: percent(n(alias), n(aliasOf('held'))) };
    case 'ratio':
      return { count: n(alias), [c.of.field]: n(`${alias}_of`), percent: percent(n(alias), n(`${alias}_of`)) };
    case 'childParticipation':
      return child;
  }
}

function setPath(target: Record<string, unknown>, path: string, v: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let at = target;
  for (const key of keys) at = (at[key] ??= {}) as Record<string, unknown>;
  at[last] = v;
}

function getPath(source: object, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], source);
}

/** A row per meeting type (those without meetings included, as zeros) and one for all. */
export function toReportRows(
  rules: Readonly<Record<MeetingType, MeetingTypeRules>>,
  aggregates: AggregateRow[],
  participation: { code: string; n: number }[],
): MeetingsReportRow[] {
  const byType = new Map(aggregates.map((a) => [a.type, a]));
  const rows = MEETING_TYPES.map((type) => byType.get(type) ?? { type });
  const total: Record<string, number> = {};
  for (const r of rows)
    for (const [key, v] of Object.entries(r)) if (key !== 'type') total[key] = (total[key] ?? 0) + Number(v);
  // Child participation per child, for the types that take the codes (and all): PN0 (under 4) is not measured.
  const byCode = Object.fromEntries(participation.map((p) => [p.code, Number(p.n)]));
  const measured = participation.filter((p) => p.code !== 'PN0').reduce((s, p) => s + Number(p.n), 0);
  const participating = participation
    .filter((p) => (CHILD_PARTICIPATING_CODES as readonly string[]).includes(p.code))
    .reduce((s, p) => s + Number(p.n), 0);
  const child: ChildParticipation = { byCode, participating, measured, percent: percent(participating, measured) };
  const row = (type: MeetingType | 'ALL', a: AggregateRow): MeetingsReportRow => {
    const out: Record<string, unknown> = { type };
    const applies = type === 'ALL' || rules[type].childParticipationApplies;
    for (const c of COMMITTEE_COLUMNS) setPath(out, c.field, value(c, a, applies ? child : null));
    return out as unknown as MeetingsReportRow;
  };
  return [...rows.map((r) => row(r.type, r)), row('ALL', { ...total, type: 'ALL' } as unknown as AggregateRow)];
}

/** Each column's CSV cells by header. */
function csvCells(c: CommitteeColumn, row: MeetingsReportRow): [string, number | string | null][] {
  const v = getPath(row, c.field);
  switch (c.kind) {
    case 'count':
      return [[c.csv, v as number]];
    case 'share': {
      const f = v as Fraction;
      return [
        [c.csv.count, f.count],
        ...(c.csv.percent ? [[c.csv.percent, f.percent] as [string, number | null]] : []),
      ];
    }
    case 'ratio': {
      const f = v as Fraction & Record<string, number>;
      const cells: [string | undefined, number | null][] = [
        [c.csv.count, f.count],
        [c.csv.of, f[c.of.field]],
        [c.csv.percent, f.percent],
      ];
      return cells.filter((cell): cell is [string, number | null] => cell[0] !== undefined);
    }
    case 'childParticipation': {
      const child = v as ChildParticipation | null;
      return [
        [c.csv.percent, child?.percent ?? null],
        [c.csv.participating, child?.participating ?? null],
        [c.csv.measured, child?.measured ?? null],
        ...CHILD_PARTICIPATION_CODES.map((code): [string, number | null] => [
          `child_participation_${code.toLowerCase()}`,
          child ? (child.byCode[code] ?? 0) : null,
        ]),
      ];
    }
  }
}

/**
 * The committee table as CSV: one line per meeting type and one for all, with every figure the JSON has
 * (API.md "Reports": the same as CSV). Columns added later go at the end, so readers by position keep working.
 * A figure that does not apply (child participation outside LAC reviews) is an empty cell, as `null` is in JSON.
 */
export function toCsv(rows: MeetingsReportRow[]): string {
  const lines = rows.map(
    (r) =>
      new Map<string, number | string | null>([['type', r.type], ...COMMITTEE_COLUMNS.flatMap((c) => csvCells(c, r))]),
  );
  const declared = [...(lines[0]?.keys() ?? [])];
  const header = [...PUBLISHED_CSV_ORDER, ...declared.filter((h) => !PUBLISHED_CSV_ORDER.includes(h))];
  const cell = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return `${[header.join(','), ...lines.map((line) => header.map((h) => cell(line.get(h))).join(','))].join('\r\n')}\r\n`;
}

/** The columns on the pages: headings, and each row's cells in the same order. */
export function pageColumns(print: boolean): string[] {
  return COMMITTEE_COLUMNS.flatMap((c) => (c.page ? [print ? (c.page.printLabel ?? c.page.label) : c.page.label] : []));
}

export function pageCells(row: MeetingsReportRow): (string | number)[] {
  const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
  return COMMITTEE_COLUMNS.flatMap((c) => {
    if (!c.page) return [];
    const v = getPath(row, c.field);
    switch (c.kind) {
      case 'count':
        return [v as number];
      case 'share': {
        const f = v as Fraction;
        return [c.cell === 'count' ? f.count : `${f.count} (${pct(f.percent)})`];
      }
      case 'ratio': {
        const f = v as Fraction & Record<string, number>;
        const of = f[c.of.field];
        if (!of) return ['–'];
        return [c.cell === 'countOf' ? `${f.count} of ${of} (${pct(f.percent)})` : pct(f.percent)];
      }
      case 'childParticipation': {
        const child = v as ChildParticipation | null;
        return [child?.measured ? pct(child.percent) : '–'];
      }
    }
  });
}
