/**
 * The pure parts of the bench that decide what BENCHMARKS.md and README say: flatness, the README block, the CPU
 * profile's buckets and the pg_stat_activity buckets. Run with
 * `npx jest --testRegex 'bench/.*\.spec\.ts$'` (jest.config.js's testRegex covers src/ and test/ only).
 */
import { categoryOf, CpuProfile, summariseProfile } from './cpu-profile';
import { flatness, ratioText } from './findings';
import { activityLabel, statementKey, summariseActivity } from './pg-activity';
import { BEGIN, END, howFastBlock, replaceBlock, TableRow } from './readme-block';

describe('flatness', () => {
  it('calls a 1M/10k ratio over 1.3 not flat, and states the ratio', () => {
    expect(flatness(10, 13)).toMatchObject({ flat: true, text: '1M/10k = 1.30: flat' });
    expect(flatness(11.33, 20.13)).toMatchObject({ flat: false, text: '1M/10k = 1.78: **not flat** (over 1.3)' });
  });

  it('shows a third decimal when two would round a ratio over 1.3 down to "1.30"', () => {
    expect(flatness(36.72, 47.77)).toMatchObject({ flat: false, text: '1M/10k = 1.301: **not flat** (over 1.3)' });
    expect(ratioText(1.2999)).toBe('1.30');
    expect(ratioText(1.78)).toBe('1.78');
  });
});

describe('README block', () => {
  const rows: TableRow[] = [
    {
      short: 'booking throughput',
      quorum: '114.5 req/s',
      baseline: '468.9 tx/s (raw pg)',
      ratio: '0.24',
      target: '≥ 0.5 of raw',
      met: false,
    },
    {
      short: 'delivery',
      quorum: '601.4 msg/s',
      baseline: '828.5 msg/s (bare)',
      ratio: '0.73',
      target: '≥ 300 msg/s and ≥ 0.7',
      met: true,
    },
    { short: 'start-up, first run', quorum: '3.17 s', baseline: '—', ratio: '—', target: '≤ 10 s', met: true },
    {
      short: 'memory',
      quorum: 'peak 300 MB',
      baseline: 'idle 197 MB',
      ratio: '1.52',
      target: 'report only',
      met: null,
    },
  ];
  const block = howFastBlock(rows, { mode: 'full', at: '2026-11-23T12:36Z', minutes: 5.9, nproc: '2' });

  it('quotes each row with its own cells, under missed, met or not judged', () => {
    expect(block.split('\n')).toEqual([
      BEGIN,
      'The last `npm run bench` (full run, 5.9 min, 2026-11-23T12:36Z, 2 shared cores) measured:',
      '',
      'Missed:',
      '',
      '- booking throughput: 114.5 req/s (0.24 × 468.9 tx/s (raw pg)), target ≥ 0.5 of raw',
      '',
      'Met:',
      '',
      '- delivery: 601.4 msg/s (0.73 × 828.5 msg/s (bare)), target ≥ 300 msg/s and ≥ 0.7',
      '- start-up, first run: 3.17 s, target ≤ 10 s',
      '',
      'Not judged in this run (report only, or the quick run skips the stage the target is set for):',
      '',
      '- memory: peak 300 MB (1.52 × idle 197 MB), target report only',
      '',
      END,
    ]);
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `# Q\n\n## How fast\n\nintro\n\n${BEGIN}\nold figures\n${END}\n\n## Next\n`;
    expect(replaceBlock(readme, block)).toBe(`# Q\n\n## How fast\n\nintro\n\n${block}\n\n## Next\n`);
    expect(replaceBlock(replaceBlock(readme, block), block)).toBe(replaceBlock(readme, block));
    expect(() => replaceBlock('# Q\n', block)).toThrow(/markers/);
  });
});

describe('CPU profile buckets', () => {
  const app = '/repo/bench/.dist';
  it('sums self time by package, the app, node core and V8 pseudo-frames', () => {
    expect(categoryOf({ functionName: 'f', url: 'file:///repo/node_modules/typeorm/query-builder/x.js' }, app)).toBe(
      'typeorm',
    );
    expect(
      categoryOf({ functionName: 'f', url: '/repo/node_modules/a/node_modules/@nestjs/core/router.js' }, app),
    ).toBe('@nestjs/core');
    expect(
      categoryOf({ functionName: 'book', url: 'file:///repo/bench/.dist/meetings/meetings.service.js' }, app),
    ).toBe('Quorum');
    expect(categoryOf({ functionName: 'writev', url: 'node:internal/stream_base_commons' }, app)).toBe('node core JS');
    expect(categoryOf({ functionName: '(garbage collector)', url: '' }, app)).toBe('GC');
    expect(categoryOf({ functionName: 'writeUtf8String', url: '' }, app)).toBe('native');
  });

  it('gives each sample the interval until the next one, and leaves idle time out of the shares', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 3, 4] },
        { id: 2, callFrame: { functionName: 'build', url: '/repo/node_modules/typeorm/b.js' } },
        { id: 3, callFrame: { functionName: '(idle)', url: '' } },
        { id: 4, callFrame: { functionName: 'book', url: '/repo/bench/.dist/m.js' } },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 2, 3, 4],
      timeDeltas: [0, 3000, 1000, 4000],
    };
    // Sample 0 (typeorm) lasts 3 ms, sample 1 (typeorm) 1 ms, sample 2 (idle) 4 ms, the last (app) the mean: 8/3 ms.
    const s = summariseProfile(profile, app);
    expect(s.idleMs).toBeCloseTo(4);
    expect(s.busyMs).toBeCloseTo(4 + 8 / 3);
    expect(s.byCategory.map((c) => [c.name, Number(c.share.toFixed(3))])).toEqual([
      ['typeorm', 0.6],
      ['Quorum', 0.4],
    ]);
    expect(s.topFunctions[0].name).toBe('build (typeorm)');
  });
});

describe('pg_stat_activity buckets', () => {
  it('names a backend sample by its state and wait event', () => {
    expect(activityLabel({ state: 'active', wait_event_type: 'IO', wait_event: 'WalSync', query: 'COMMIT' })).toBe(
      'active, waiting on IO/WalSync',
    );
    expect(activityLabel({ state: 'active', wait_event_type: null, wait_event: null, query: 'SELECT 1' })).toBe(
      'active, on CPU (no wait event)',
    );
    expect(
      activityLabel({ state: 'idle in transaction', wait_event_type: 'Client', wait_event: 'ClientRead', query: '' }),
    ).toBe("idle in transaction (waiting for the app's next statement: Client/ClientRead)");
    expect(statementKey('INSERT INTO "participants"("id") VALUES ($1)')).toBe('INSERT INTO PARTICIPANTS');
    expect(statementKey('UPDATE deliveries SET x = 1')).toBe('UPDATE DELIVERIES');
    expect(statementKey('  COMMIT')).toBe('COMMIT');
  });

  it('shares are of all backend samples; statement shares of the active ones', () => {
    const idle = { state: 'idle in transaction', wait_event_type: 'Client', wait_event: 'ClientRead', query: 'x' };
    const commit = { state: 'active', wait_event_type: 'IO', wait_event: 'WalSync', query: 'COMMIT' };
    const s = summariseActivity(
      [
        [idle, commit],
        [idle, idle],
      ],
      10,
    );
    expect(s).toMatchObject({ polls: 2, backendSamples: 4, meanBackends: 2 });
    expect(s.byState.map((x) => [x.label.slice(0, 19), x.share])).toEqual([
      ['idle in transaction', 0.75],
      ['active, waiting on ', 0.25],
    ]);
    expect(s.activeStatements).toEqual([{ label: 'COMMIT', samples: 1, share: 1 }]);
  });
});
