import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { EmbeddedPostgresOptions, freePort, RunningDatabase } from '../../src/database/embedded-postgres';

const ROOT = path.resolve(__dirname, '../..');

export interface AppProcess {
  url: string;
  /** Everything the process wrote to stdout and stderr so far: its JSON logs. */
  output(): string;
  /** Sends `signal` and resolves when the process has gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Quorum as `npm start` runs it (src/main.ts, through ts-node so no build is needed), in its own process, so a
 * test can kill it for real. Resolves once `/health` answers 200.
 */
export async function spawnApp(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Quorum exited with ${child.exitCode} before it was healthy:\n${output}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Quorum was not healthy within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * An embedded PostgreSQL in a process of its own, so a test can stop it and start it again (on the same folder and
 * port, `stop()` then a second call looks to the app like a server restart).
 */
export async function startPostgresProcess(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'test/support/pg-server.ts', JSON.stringify(options)],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    let line = '';
    child.stdout.on('data', (chunk: Buffer) => {
      line += chunk.toString('utf8');
      const match = /^\{"url":.*\}$/m.exec(line);
      if (match) resolve((JSON.parse(match[0]) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL process exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` until it returns true (or a value), failing with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check().catch(() => false as const);
    if (result !== false) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
