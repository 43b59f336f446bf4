import { execFileSync } from 'node:child_process';
import path from 'node:path';

/*
 * DESIGN.md "Time": results must not depend on the server's zone. Jest sandboxes process.env, so the same
 * answers are computed in a real Node process that switches TZ between runs.
 */
const zones = ['UTC', 'Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];

const script = `
  const time = require(${JSON.stringify(path.join(__dirname, 'index.ts'))});
  const calendar = time.englandAndWalesCalendar();
  const answers = {};
  for (const zone of ${JSON.stringify(zones)}) {
    process.env.TZ = zone;
    answers[zone] = {
      offsetInJuly: new Date('2026-07-09T12:00:00Z').getTimezoneOffset(),
      summer: time.atLondonWallClock('2026-07-09', '10:00').toISOString(),
      winter: time.atLondonWallClock('2026-12-10', '10:00').toISOString(),
      twice: time.atLondonWallClock('2026-10-25', '01:30').toISOString(),
      londonDate: time.londonDateOf(new Date('2026-07-09T23:30:00Z')),
      formatted: time.formatLondon(new Date('2026-12-03T10:00:00Z')),
      day: time.formatLondonDate('2026-12-03'),
      icpc: calendar.addWorkingDays('2026-12-14', 15),
      months: time.addCalendarMonths('2026-08-31', 6),
      between: calendar.workingDaysBetween('2026-03-27', '2026-04-08'),
    };
  }
  process.stdout.write(JSON.stringify(answers));
`;

describe('whatever the server time zone', () => {
  it('gives the same London times, dates and working days', () => {
    const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
    });
    const answers: Record<string, Record<string, unknown>> = JSON.parse(output);
    expect(zones.map((zone) => answers[zone].offsetInJuly)).toEqual([0, -60, 420, -840, -630]); // each zone took effect
    for (const zone of zones) {
      const { offsetInJuly: _offset, ...rest } = answers[zone];
      expect([zone, rest]).toEqual([
        zone,
        {
          summer: '2026-07-09T09:00:00.000Z',
          winter: '2026-12-10T10:00:00.000Z',
          twice: '2026-10-25T00:30:00.000Z',
          londonDate: '2026-07-10',
          formatted: 'Thursday 3 December 2026, 10:00 (UK time)',
          day: 'Thursday 3 December 2026',
          icpc: '2027-01-07',
          months: '2027-02-28',
          between: 6, // 30, 31 Mar, 1, 2 Apr, (3 and 6 Apr Easter), 7, 8 Apr
        },
      ]);
    }
  });
});
