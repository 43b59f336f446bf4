import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RunningDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { MIGRATIONS } from '../../src/database/schema';

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
    await buildTemplate();
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
  await buildTemplate();
}

/**
 * The schema, built once through the migrations in a template database: each test database is a copy of it (about
 * 80 ms, where running the migrations takes 200 ms more for each of the hundred apps a run starts). The apps still
 * run their migrations at boot, and find them applied.
 */
async function buildTemplate(): Promise<void> {
  const name = `quorum_template_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: process.env.QUORUM_TEST_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.QUORUM_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  const schema = new DataSource({
    type: 'postgres',
    url: url.toString(),
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
  await schema.initialize();
  await schema.runMigrations();
  await schema.destroy();
  process.env.QUORUM_TEST_TEMPLATE = name;
}
