import 'reflect-metadata';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { RunningDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: RunningDatabase | undefined;
  if (!config.databaseUrl) {
    process.stdout.write(`{"msg":"DATABASE_URL is unset: starting the embedded PostgreSQL in ${path.join(config.dataDir, 'pg')}"}\n`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), database: 'quorum', persistent: true });
  }
  const app = await createApp({ ...config, databaseUrl: config.databaseUrl ?? embedded?.url });
  // Graceful shutdown: stop taking requests, let Nest close (scheduler, pool), then stop the embedded server.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`{"msg":"${signal}: shutting down"}\n`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
  await app.listen(config.port);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Quorum failed to start: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
