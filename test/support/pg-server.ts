/**
 * Runs one embedded PostgreSQL in its own process (jest's sandbox cannot load the ESM-only package) until SIGTERM.
 * Options come as JSON in argv[2]; the connection URL is printed as one JSON line once the server is up.
 */
import { EmbeddedPostgresOptions, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as EmbeddedPostgresOptions;
  const server = await startEmbeddedPostgres(options);
  process.once('SIGTERM', () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
