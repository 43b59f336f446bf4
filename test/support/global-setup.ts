import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunningDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

declare global {
  var __QUORUM_TEST_DB__: RunningDatabase | undefined;
}

/**
 * One PostgreSQL server for the whole run: the one `TEST_DATABASE_URL` names, or else an embedded one in a
 * throwaway folder. Each test file then creates its own database on it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  // Every calendar object the suites produce is kept here and checked with libical at the end (global-teardown.ts).
  process.env.QUORUM_ITIP_DIR = mkdtempSync(path.join(os.tmpdir(), 'quorum-itip-'));
  if (process.env.TEST_DATABASE_URL) {
    process.env.QUORUM_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quorum-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'pg'),
    database: 'postgres',
    persistent: false,
    unsafeFast: true,
  });
  globalThis.__QUORUM_TEST_DB__ = server;
  process.env.QUORUM_TEST_ADMIN_URL = server.url;
}
