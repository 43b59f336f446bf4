import { FORMAT_LABELS } from '../meeting-types/labels';
import { MeetingsReportRow, pageCells, pageColumns } from './meetings-report';

const FORMAT_COLOURS = { IN_PERSON: '#1d70b8', VIRTUAL: '#00703c', HYBRID: '#f47738' } as const;

/** What the /reports page shows: the committee table and two simple SVG charts, computed here, drawn by the template. */
export function reportPageContext(
  report: { from: string; to: string; rows: MeetingsReportRow[] },
  monthly: { month: string; within: number; measured: number }[],
  typeLabel: (type: string) => string,
) {
  const rows = report.rows.map((r) => ({
    type: r.type === 'ALL' ? 'All meetings' : typeLabel(r.type),
    all: r.type === 'ALL',
    cells: pageCells(r),
  }));
  const barWidth = 300;
  const formatBars = report.rows
    .filter((r) => r.type !== 'ALL' && r.held > 0)
    .map((r, i) => {
      let x = 0;
      const segments = (Object.keys(FORMAT_COLOURS) as (keyof typeof FORMAT_COLOURS)[]).map((format) => {
        const width = (barWidth * r.byFormat[format].count) / r.held;
        const segment = {
          x,
          width: Math.round(width * 10) / 10,
          colour: FORMAT_COLOURS[format],
          label: `${FORMAT_LABELS[format]}: ${r.byFormat[format].count}`,
        };
        x += width;
        return segment;
      });
      return { y: i * 28, label: typeLabel(r.type), segments };
    });
  const monthBars = monthly.map((m, i) => {
    const value = m.measured ? (100 * m.within) / m.measured : 0;
    return {
      x: i * 40,
      height: Math.round(value * 1.5),
      y: 150 - Math.round(value * 1.5),
      month: m.month,
      label: m.measured ? `${Math.round(value)}%` : '–',
    };
  });
  return {
    from: report.from,
    to: report.to,
    columns: pageColumns(true),
    rows,
    formatBars,
    formatChartHeight: formatBars.length * 28 + 10,
    legend: Object.entries(FORMAT_COLOURS).map(([format, colour]) => ({ format, colour })),
    monthBars,
    monthChartWidth: Math.max(monthBars.length * 40, 80),
  };
}
