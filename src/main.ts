import 'reflect-metadata';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { RunningDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { checkMeetingRules } from './meeting-types/meeting-rules-setting';

/** A log line in pino's shape, for the moments before the app's logger exists and after it has closed. */
const logLine = (msg: string) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg })}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  checkMeetingRules(config);
  let embedded: RunningDatabase | undefined;
  if (!config.databaseUrl) {
    logLine(`DATABASE_URL is unset: starting the embedded PostgreSQL in ${path.join(config.dataDir, 'pg')}`);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      database: 'quorum',
      persistent: true,
    });
  }
  const app = await createApp({ ...config, databaseUrl: config.databaseUrl ?? embedded?.url });
  // Graceful shutdown: stop taking requests, let Nest close (scheduler, pool), then stop the embedded server.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logLine(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
  await app.listen(config.port);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : `Quorum failed to start: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
