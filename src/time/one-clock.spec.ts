import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Business time comes from the app's Clock, and only from it (clock.ts; issue #15): SQL takes "now" as a bound
 * parameter, never from the database server's clock, and no code reads the machine's clock except SystemClock
 * and the start-up log line. Tests move the Clock; anything that reads another clock is a time bomb.
 */
const SRC = path.join(__dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** SQL's clocks. `.now()` (a method call, as on the Clock) is not SQL and is not matched. */
const SQL_CLOCK =
  /(?<![.\w])(now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday)\s*\(\s*\)|\b(CURRENT_DATE|CURRENT_TIMESTAMP|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME)\b/gi;
/** The machine's clock read directly. */
const MACHINE_CLOCK = /\bnew Date\(\s*\)|\bDate\.now\(\s*\)/g;

/** Where another clock is allowed, and why. */
const ALLOWED: { file: RegExp; pattern: RegExp; why: string }[] = [
  {
    file: /database\/migrations\//,
    pattern: /DEFAULT now\(\)/i,
    why: 'a row’s own created/updated stamp, not business time',
  },
  { file: /time\/clock\.ts$/, pattern: /new Date\(\)|now\(\)/, why: 'SystemClock is the one reader of the real time' },
  { file: /main\.ts$/, pattern: /Date\.now\(\)/, why: 'the timestamp of the start-up log line' },
  {
    file: /auth\/staff-tokens\.ts$/,
    pattern: /Date\.now\(\)/,
    why: 'a token’s issued-at and expiry: jose checks them against the real time',
  },
];

function offences(file: string): string[] {
  const relative = path.relative(SRC, file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) =>
      [...line.matchAll(SQL_CLOCK), ...line.matchAll(MACHINE_CLOCK)]
        .filter(() => !ALLOWED.some((allowed) => allowed.file.test(relative) && allowed.pattern.test(line)))
        .map((match) => `${relative}:${index + 1}: ${match[0]}`),
    );
}

describe('one clock', () => {
  it('no SQL or code in src reads a clock other than the app’s Clock', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(offences)).toEqual([]);
  });

  it('the check finds what it is for', () => {
    const samples = [
      'WHERE m.starts_at > now()',
      'AND d.due < CURRENT_DATE',
      'x = clock_timestamp ()',
      'const at = new Date();',
      'Date.now()',
    ];
    for (const sample of samples) expect(`${sample}`.match(SQL_CLOCK) ?? sample.match(MACHINE_CLOCK)).not.toBeNull();
    expect('this.clock.now()'.match(SQL_CLOCK)).toBeNull();
    expect('new Date(value)'.match(MACHINE_CLOCK)).toBeNull();
  });
});
