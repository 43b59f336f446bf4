import { MeetingsReportRow } from './meetings-report';

const FORMAT_COLOURS = { IN_PERSON: '#1d70b8', VIRTUAL: '#00703c', HYBRID: '#f47738' } as const;

/** What the /reports page shows: the committee table and two simple SVG charts, computed here, drawn by the template. */
export function reportPageContext(
  report: { from: string; to: string; rows: MeetingsReportRow[] },
  monthly: { month: string; within: number; measured: number }[],
) {
  const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
  const rows = report.rows.map((r) => ({
    type: r.type === 'ALL' ? 'All meetings' : r.type,
    all: r.type === 'ALL',
    held: r.held,
    cancelled: r.cancelled,
    inPerson: `${r.byFormat.IN_PERSON.count} (${pct(r.byFormat.IN_PERSON.percent)})`,
    virtual: `${r.byFormat.VIRTUAL.count} (${pct(r.byFormat.VIRTUAL.percent)})`,
    hybrid: `${r.byFormat.HYBRID.count} (${pct(r.byFormat.HYBRID.percent)})`,
    within: r.withinTimescale.measured
      ? `${r.withinTimescale.count} of ${r.withinTimescale.measured} (${pct(r.withinTimescale.percent)})`
      : '–',
    split: r.splitSessions.count,
    separate: r.separateConversations.count,
    // Physical, virtual and hybrid count how meetings were held by their records; say how many are only as booked.
    fromBooking: r.formatFromBooking.count,
    quorate: r.quorate.measured ? pct(r.quorate.percent) : '–',
    reportsOnTime: r.reportsOnTime.required ? pct(r.reportsOnTime.percent) : '–',
    minutesOnTime: r.minutesDistributedOnTime.measured ? pct(r.minutesDistributedOnTime.percent) : '–',
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
          label: `${format}: ${r.byFormat[format].count}`,
        };
        x += width;
        return segment;
      });
      return { y: i * 28, label: r.type, segments };
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
    rows,
    formatBars,
    formatChartHeight: formatBars.length * 28 + 10,
    legend: Object.entries(FORMAT_COLOURS).map(([format, colour]) => ({ format, colour })),
    monthBars,
    monthChartWidth: Math.max(monthBars.length * 40, 80),
  };
}
