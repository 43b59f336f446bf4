import { meetingTypeRules } from '../meeting-types/meeting-types';
import { COMMITTEE_COLUMNS, PUBLISHED_CSV_ORDER } from './committee-columns';
import { aggregateSelect, AggregateRow, pageCells, pageColumns, toCsv, toReportRows } from './meetings-report';

const rules = meetingTypeRules();
const icpc = {
  type: 'ICPC',
  held: '4',
  cancelled: '1',
  byformat_in_person: '1',
  byformat_virtual: '3',
  byformat_hybrid: '0',
  formatfrombooking: '2',
  withintimescale: '3',
  withintimescale_of: '4',
  separateconversations: '1',
  splitsessions: '0',
  quorate: '2',
  quorate_of: '3',
  reportsontime: '5',
  reportsontime_of: '8',
  minutesdecisionsontime: '1',
  minutesdecisionsontime_of: '2',
  minutesdistributedontime: '0',
  minutesdistributedontime_of: '0',
} as AggregateRow;
const lac = { type: 'LAC_REVIEW', held: '2' } as AggregateRow;
const rows = toReportRows(
  rules,
  [icpc, lac],
  [
    { code: 'PN0', n: 1 },
    { code: 'PN1', n: 2 },
    { code: 'PN7', n: 2 },
  ],
);
const row = (type: string) => rows.find((r) => r.type === type)!;

describe('the committee columns (each declared once: SQL, JSON, CSV, page)', () => {
  it('selects every column in SQL, by an alias of its own', () => {
    const aliases = [...aggregateSelect().matchAll(/ AS "([a-z_]+)"/g)].map((m) => m[1]);
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(aliases).toEqual(Object.keys(icpc).filter((k) => k !== 'type'));
  });

  it('gives a JSON row per type and one for all, with counts, what they are measured against and percentages', () => {
    expect(rows.map((r) => r.type)).toEqual([...Object.keys(rules), 'ALL']);
    expect(row('ICPC')).toMatchObject({
      held: 4,
      cancelled: 1,
      byFormat: { IN_PERSON: { count: 1, percent: 25 }, VIRTUAL: { count: 3, percent: 75 } },
      withinTimescale: { count: 3, measured: 4, percent: 75 },
      reportsOnTime: { count: 5, required: 8, percent: 62.5 },
      minutesDistributedOnTime: { count: 0, measured: 0, percent: null },
    });
    expect(row('ALL')).toMatchObject({ held: 6, cancelled: 1, byFormat: { IN_PERSON: { count: 1, percent: 16.7 } } });
  });

  it('counts child participation only for the types the table says take PN codes, and in all', () => {
    const applies = Object.values(rules).filter((r) => r.childParticipationApplies);
    expect(applies.map((r) => r.type)).toEqual(['LAC_REVIEW']);
    expect(row('LAC_REVIEW').childParticipation).toEqual({
      byCode: { PN0: 1, PN1: 2, PN7: 2 },
      participating: 2,
      measured: 4,
      percent: 50,
    });
    expect(row('ALL').childParticipation).toEqual(row('LAC_REVIEW').childParticipation);
    expect(row('ICPC').childParticipation).toBeNull();
  });

  it('keeps the CSV columns in the order first published, every one of them still declared', () => {
    const [header, ...lines] = toCsv(rows).trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(PUBLISHED_CSV_ORDER);
    expect(lines).toHaveLength(rows.length);
    const icpcLine = Object.fromEntries(header.split(',').map((h, i) => [h, lines[1].split(',')[i]]));
    expect(icpcLine).toMatchObject({ type: 'ICPC', held: '4', in_person_pct: '25', child_participation_pct: '' });
  });

  it('puts the same columns on both pages, in words on the staff page, a cell for each', () => {
    expect(pageColumns(false)).toEqual([
      'Held',
      'Cancelled',
      'In person',
      'Video',
      'In person and video',
      'Format as booked (no record says how it was held)',
      'Within timescale',
      'Separate conversations',
      'Split',
      'Quorate',
      'Reports on time',
      'Records on time',
    ]);
    expect(pageColumns(true)).toHaveLength(pageColumns(false).length);
    expect(pageCells(row('ICPC'))).toEqual([
      4,
      1,
      '1 (25%)',
      '3 (75%)',
      '0 (0%)',
      2,
      '3 of 4 (75%)',
      1,
      0,
      '66.7%',
      '62.5%',
      '–',
    ]);
    expect(COMMITTEE_COLUMNS.filter((c) => c.page)).toHaveLength(pageColumns(false).length);
  });
});
