import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmt, log, median, ms, startChildApp, waitForHealth } from './support';

export interface StartupResult {
  firstMs: number[];
  laterMs: number[];
  rssAfterStartMb: number;
}

/** `node bench/.dist/main.js` (what `npm start` runs after its build) on the embedded database: spawn → first 200 from /health. */
async function once(dataDir: string): Promise<{ ms: number; rss: number }> {
  const start = process.hrtime.bigint();
  const app = await startChildApp({ DATA_DIR: dataDir, DATABASE_URL: '', TEST_DATABASE_URL: '' });
  try {
    await waitForHealth(app.url, 180_000, app.child);
  } catch (error) {
    await app.stop();
    throw new Error(`${(error as Error).message}\n${app.stderr()}`, { cause: error });
  }
  const took = ms(start);
  const { rssMb } = await import('./support');
  const rss = rssMb(app.child.pid!);
  await app.stop();
  return { ms: took, rss };
}

export async function benchStartup(opts: { firstRuns: number; laterRuns: number }): Promise<StartupResult> {
  const firstMs: number[] = [];
  const laterMs: number[] = [];
  let rss = Number.NaN;
  let dataDir = '';
  for (let i = 0; i < opts.firstRuns; i++) {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-start-'));
    const r = await once(dataDir);
    firstMs.push(r.ms);
    log(`start-up, first run (fresh DATA_DIR): ${fmt(r.ms / 1000, 2)} s`);
  }
  for (let i = 0; i < opts.laterRuns; i++) {
    const r = await once(dataDir);
    laterMs.push(r.ms);
    rss = r.rss;
    log(`start-up, later run: ${fmt(r.ms / 1000, 2)} s (RSS of the node process ${fmt(r.rss, 0)} MB)`);
  }
  rmSync(dataDir, { recursive: true, force: true });
  return { firstMs, laterMs, rssAfterStartMb: rss };
}

export { median };
