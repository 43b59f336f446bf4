import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { createApp } from '../../src/app.factory';
import { AppOptions } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { StaffTokens } from '../../src/auth/staff-tokens';
import { StaffRole } from '../../src/auth/staff-user';
import { createTestDatabase, TestDatabase } from './test-database';
import { Clock } from '../../src/time/clock';
import { RunningClock } from './test-clock';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  http: TestAgent;
  /** The app's clock: the test's own, or a RunningClock from TEST_EPOCH. Never today's date. */
  clock: Clock;
  /**
   * A bearer header for a member of staff with that role. Each is a person: `id` acts as that person of the directory
   * (the chair of a meeting, say); without it, one person per role (and email) is created on first use, as
   * `npm run token` does.
   */
  auth(role?: StaffRole, user?: { id?: string; name?: string; email?: string }): Promise<{ Authorization: string }>;
  get<T>(token: unknown): T;
  close(): Promise<void>;
}

/**
 * The real application on its own fresh database (migrations applied at start), listening on a
 * loopback port. The scheduler is off unless a test asks for it, so tests drive sweeps themselves. The clock starts at
 * TEST_EPOCH unless the test passes one, so no test depends on the day it runs.
 */
export interface HarnessOptions {
  /** Share this database (a second instance, a restarted app) instead of creating one; `close()` leaves it. */
  database?: TestDatabase;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: AppOptions = {},
  harness: HarnessOptions = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-test-data-'));
  // The configuration first: a test of a refused configuration leaves no database behind.
  const loaded = loadConfig({
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret!',
    ...env,
  });
  const database = harness.database ?? (await createTestDatabase());
  const ownsDatabase = !harness.database;
  const config: AppConfig = { ...loaded, databaseUrl: database.url };
  const clock = options.clock ?? new RunningClock();
  // The first-administrator link is printed to standard output; a test that wants it passes its own `notices`.
  const notices = options.notices ?? new PassThrough().resume();
  // nestjs-pino keeps the first app's logger for code that logs outside a request (a module-level variable): with
  // several suites in one jest file, each app must log to its own destination.
  __resetOutOfContextForTests();
  const app = await createApp(config, { ...options, clock, notices });
  await app.listen(0, '127.0.0.1');
  const tokens = app.get(StaffTokens);
  const subjects = new Map<string, string>();
  const subjectOf = (role: StaffRole, user: { id?: string; name?: string; email?: string }) => {
    const key = `${role}|${user.email ?? ''}|${user.name ?? ''}`;
    if (!subjects.has(key)) subjects.set(key, randomUUID());
    return user.id ?? subjects.get(key)!;
  };
  return {
    app,
    config,
    database,
    dataSource: app.get(DataSource),
    clock,
    http: request(app.getHttpServer()),
    auth: async (role = 'COORDINATOR', user = {}) => ({
      Authorization: `Bearer ${await tokens.issue({ roles: [role], name: user.name ?? `Test ${role}`, email: user.email ?? null, id: subjectOf(role, user) })}`,
    }),
    get: <T>(token: unknown) => app.get<unknown, T>(token as never),
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
