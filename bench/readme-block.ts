/**
 * README's "How fast" figures, written by `npm run bench` between two markers from the very rows of the table it
 * writes to BENCHMARKS.md, so the README can only quote what the table says.
 */

export const BEGIN =
  '<!-- bench:how-fast:begin (written by `npm run bench` from its results; edits here are overwritten) -->';
export const END = '<!-- bench:how-fast:end -->';

export interface TableRow {
  /** How the README names the benchmark, e.g. "booking throughput". */
  short: string;
  quorum: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export interface RunInfo {
  mode: 'quick' | 'full';
  /** ISO minute, e.g. 2026-11-29T13:10Z. */
  at: string;
  minutes: number;
  nproc: string;
}

const item = (r: TableRow) =>
  `${r.short}: ${r.quorum}${r.ratio !== '—' && r.baseline !== '—' ? ` (${r.ratio} × ${r.baseline})` : ''}, target ${r.target}`;

export function howFastBlock(rows: TableRow[], run: RunInfo): string {
  const met = rows.filter((r) => r.met === true);
  const missed = rows.filter((r) => r.met === false);
  const unjudged = rows.filter((r) => r.met === null);
  const list = (title: string, xs: TableRow[]) =>
    xs.length ? [`${title}:`, '', ...xs.map((r) => `- ${item(r)}`), ''] : [];
  return [
    BEGIN,
    `The last \`npm run bench${run.mode === 'quick' ? ' -- --quick' : ''}\` (${run.mode} run, ${run.minutes.toFixed(1)} min, ${run.at}, ${run.nproc} shared cores) measured:`,
    '',
    ...list('Missed', missed),
    ...list('Met', met),
    ...list('Not judged in this run (report only, or the quick run skips the stage the target is set for)', unjudged),
    END,
  ].join('\n');
}

/** The README with the block between the markers replaced; throws if the markers are missing (nothing is guessed). */
export function replaceBlock(readme: string, block: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no bench:how-fast markers');
  return readme.slice(0, a) + block + readme.slice(b + END.length);
}
