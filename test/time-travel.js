#!/usr/bin/env node
/**
 * The time-travel pass of `npm test` (issue #15): the suites again with the machine's date moved about 400 days
 * ahead by libfaketime, so a test that books against today's date, or code that takes business time from anywhere
 * but the app's Clock (SQL now(), new Date()), fails the day it is written, not months later. Every process the tests
 * start (Node, the embedded PostgreSQL, a spawned app) sees the moved date; the browser keeps the real one.
 *
 * faketime is Debian's `faketime` package (.ci/run installs it). Without it the pass is skipped and says so, except
 * under CI=true, where it is a failure. `npm run test:time-travel -- <jest args>` runs it alone.
 */
const { spawnSync } = require('node:child_process');

const SHIFT = process.env.TIME_TRAVEL_SHIFT ?? '+400d';
// The second pass runs the end-to-end groups only: the unit specs beside the code are pure functions of the dates
// they are given (src/time/one-clock.spec.ts keeps src off the machine's clock). Run once, in the first pass:
// faults.e2e-spec.ts is about crashes and restarts, not dates, and is the slowest file; the browser groups drive the
// same pages the HTTP suites check under the moved date, and chromium keeps the real date anyway (it does not
// survive libfaketime), so a second pass of them would only cost minutes; the command-line tools and `npm start` spawn
// processes that read the same moved clock on both sides of what they check (a token's or a link's lifetime, the mail an
// app writes), and are the slowest;
// the shape group's subject is who may see and do what and what is refused: the date paths it passes through (booking,
// listing) are the ones the other groups run under the moved date. One test skips itself here (QUORUM_TIME_TRAVEL):
// the deadlock at the report's summary row (test/report-facts.e2e-suite.ts), whose resolution is PostgreSQL's
// deadlock check, a timer that never fired under libfaketime.
const SKIPPED = [
  'test/shape-group-\\d+\\.e2e-spec\\.ts$',
  'test/faults\\.e2e-spec\\.ts$',
  'test/browser-group-\\d+\\.e2e-spec\\.ts$',
  'test/cli-group-\\d+\\.e2e-spec\\.ts$',
];

const found = spawnSync('faketime', ['-f', '+0d', 'true'], { stdio: 'ignore' });
if (found.error || found.status !== 0) {
  if (process.env.CI === 'true') {
    console.error('time-travel: faketime is not installed, and CI=true needs it (apt-get install faketime)');
    process.exit(1);
  }
  console.log('time-travel: skipped, faketime is not installed (apt-get install faketime to run it)');
  process.exit(0);
}

console.log(`time-travel: the suites again with the date moved ${SHIFT} (libfaketime)`);
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(
  'faketime',
  [
    '-f',
    SHIFT,
    process.execPath,
    jest,
    ...SKIPPED.map((file) => `--testPathIgnorePatterns=${file}`),
    '--testPathPattern=\\.e2e-spec\\.ts$',
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    // Timers and timeouts keep real time; only the calendar moves.
    env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1', QUORUM_TIME_TRAVEL: SHIFT },
  },
);
process.exit(result.status ?? 1);
