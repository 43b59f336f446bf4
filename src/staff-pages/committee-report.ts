import { meetingTypeLabel } from '../meeting-types/labels';
import { MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';
import { MeetingsReportRow, pageColumns } from '../reports/meetings-report';
import { reportPageContext } from '../reports/report-page';
import { londonDate } from '../templates/london-format';
import { addDays } from '../time/working-days';
import { dateInput } from './list-filters';

const FIELDS = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'] as const;

/**
 * The committee report's range from its GOV.UK date inputs: by default the year to today, as `GET /reports` has it.
 * `values` are what the person typed (shown back to them); `errors` name each field for the error summary.
 */
export function reportRange(query: Record<string, string | string[] | undefined>, today: string) {
  const values = Object.fromEntries(
    FIELDS.map((f) => [f, String((Array.isArray(query[f]) ? query[f][0] : query[f]) ?? '').trim()]),
  ) as Record<(typeof FIELDS)[number], string>;
  const errors: Record<string, string> = {};
  const from = dateInput(values['from-day'], values['from-month'], values['from-year']);
  const to = dateInput(values['to-day'], values['to-month'], values['to-year']);
  if (from === null) errors['from-day'] = 'The "from" date must be a real date, like 1 4 2026';
  if (to === null) errors['to-day'] = 'The "to" date must be a real date, like 31 3 2027';
  const end = to || today;
  const start = from || addDays(end, -365);
  if (from !== null && to !== null && start > end)
    errors['to-day'] = 'The "to" date must be the same as or after the "from" date';
  const range = Object.keys(errors).length ? null : { from: start, to: end };
  // The form shows the range the report covers, the default one included, so the person sees what they are reading.
  const shown = range ? { ...parts('from', range.from), ...parts('to', range.to) } : values;
  return { range, values: shown, errors };
}

/** What the staff page shows: the `/reports` tables and charts, with each type and format in words, never a code. */
export function committeeReport(
  rules: Readonly<Record<MeetingType, MeetingTypeRules>>,
  report: { from: string; to: string; rows: MeetingsReportRow[] },
) {
  const context = reportPageContext(report, [], (type) => meetingTypeLabel(rules, type));
  // The table is the report; the /reports page's charts are left to that page.
  return {
    from: context.from,
    to: context.to,
    fromLabel: londonDate(report.from),
    toLabel: londonDate(report.to),
    columns: pageColumns(false),
    rows: context.rows,
    csvHref: `/reports/committee.csv?${new URLSearchParams({ ...parts('from', report.from), ...parts('to', report.to) }).toString()}`,
  };
}

function parts(edge: 'from' | 'to', iso: string): Record<string, string> {
  return { [`${edge}-day`]: day(iso), [`${edge}-month`]: month(iso), [`${edge}-year`]: year(iso) };
}

const year = (iso: string) => iso.slice(0, 4);
const month = (iso: string) => String(Number(iso.slice(5, 7)));
const day = (iso: string) => String(Number(iso.slice(8, 10)));
