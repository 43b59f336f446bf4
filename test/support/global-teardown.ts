import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { itipCheck, LIBICAL_MISSING, libicalPython } from './itip';

/**
 * Stops the run's PostgreSQL, then runs libical's iTIP check over every invite, update, cancellation, feed and
 * invite.ics the end-to-end suites produced (collected by test/support/smtp.ts and ical.ts). A failure fails the
 * run; without libical the check is skipped and says so, except under CI=true, where libical must be there.
 */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.QUORUM_TEST_TEMPLATE;
  if (template && !globalThis.__QUORUM_TEST_DB__) {
    // A server the run did not start (TEST_DATABASE_URL) keeps nothing of it.
    const admin = new Client({ connectionString: process.env.QUORUM_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.__QUORUM_TEST_DB__?.stop();
  const dir = process.env.QUORUM_ITIP_DIR;
  if (!dir) return;
  try {
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    if (files.length === 0) return;
    if (!libicalPython()) {
      if (process.env.CI === 'true') throw new Error(`${LIBICAL_MISSING} — but CI=true requires it`);
      process.stdout.write(`\n${LIBICAL_MISSING} (${files.length} calendar objects not checked)\n`);
      return;
    }
    const failures: string[] = [];
    let passed = 0;
    for (let i = 0; i < files.length; i += 400) {
      const { ok, output } = itipCheck(files.slice(i, i + 400));
      passed += Number(/(\d+) passed/.exec(output)?.[1] ?? 0);
      if (!ok) failures.push(output);
    }
    if (failures.length > 0)
      throw new Error(`libical iTIP check failed on calendar objects the e2e suites produced:\n${failures.join('\n')}`);
    process.stdout.write(`\nlibical iTIP check: ${passed} calendar objects from the e2e suites passed\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
