/**
 * Local staff accounts (the embedded default, no identity provider):
 *   npm run user -- add --email EMAIL --name NAME --role COORDINATOR [--role CHAIR]
 *   npm run user -- reset --email EMAIL
 *   npm run user -- disable --email EMAIL
 * `add` and `reset` print a one-time link (24 hours) where the person sets their own password: nobody else ever
 * knows it. `reset` and `disable` end the account's sessions at once. Every change is in the audit trail.
 *
 * It reaches the same database as Quorum: DATABASE_URL, or the embedded PostgreSQL of DATA_DIR, whether Quorum is
 * running (its server is used) or not (started for the command, then stopped).
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { STAFF_ROLES, StaffRole } from '../auth/staff-user';
import { AppConfig, loadConfig } from '../config/app-config';
import { RunningDatabase, startEmbeddedPostgres } from '../database/embedded-postgres';
import { AuditEvent } from '../audit/audit-event.entity';
import { MIGRATIONS } from '../database/schema';
import { SnakeNamingStrategy } from '../database/snake-naming.strategy';
import { SystemClock } from '../time/clock';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

const USAGE =
  'npm run user -- add --email EMAIL --name NAME --role ROLE [--role ROLE] | reset --email EMAIL | disable --email EMAIL';

/** The embedded server Quorum is running now, if it is: its port from the pid file, its password beside the cluster. */
function runningEmbedded(clusterDir: string): string | null {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return null;
  }
  const password = readFileSync(`${clusterDir}.password`, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port.trim()}/quorum`;
}

async function database(config: AppConfig): Promise<{ url: string; embedded?: RunningDatabase }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const clusterDir = path.join(config.dataDir, 'pg');
  const running = runningEmbedded(clusterDir);
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres({ dataDir: clusterDir, database: 'quorum', persistent: true });
  return { url: embedded.url, embedded };
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true } },
  });
  const [command] = positionals;
  const email = values.email?.trim();
  const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
  if (!['add', 'reset', 'disable'].includes(command) || !email) return fail(USAGE);
  if (
    command === 'add' &&
    (!values.name?.trim() || roles.length === 0 || roles.some((r) => !STAFF_ROLES.includes(r as StaffRole)))
  ) {
    return fail(`add needs --name and --role, one of ${STAFF_ROLES.join(', ')}`);
  }

  const config = loadConfig();
  const { url, embedded } = await database(config);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    // What the accounts and the audit trail write through TypeORM; the rest is SQL.
    entities: [AuditEvent],
    migrations: MIGRATIONS,
    migrationsRun: true,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const accounts = new AccountsService(
      new AccountsRepository(dataSource),
      new AuditService(new AuditRepository(dataSource)),
      new SystemClock(),
    );
    const link = (token: string) => `${config.publicUrl}/account-link/${token}`;
    if (command === 'add') {
      const token = await accounts.add({ email, name: values.name!.trim(), roles: roles as StaffRole[] });
      process.stdout.write(
        `Account created for ${email}. Send them this link (valid 24 hours, works once) to set their password:\n${link(token)}\n`,
      );
    } else if (command === 'reset') {
      const token = await accounts.reset(email);
      process.stdout.write(
        `Password cleared and sessions ended for ${email}. Their new link (valid 24 hours, works once):\n${link(token)}\n`,
      );
    } else {
      await accounts.disable(email);
      process.stdout.write(`${email} can no longer sign in; their sessions have ended.\n`);
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
