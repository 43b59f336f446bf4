import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { aBooking, aCase, aSession, MeetingBody, post, seedDirectory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** `npm run token` as the README tells an operator to use it: the real CLI in its own process, its token used on the API. */
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const JWT_SECRET = 'token-cli-secret-token-cli-secret-token!';

async function token(t: TestApp, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/auth/token.cli.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', JWT_SECRET, DATA_DIR: t.config.dataDir },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET });
  });
  afterAll(() => t.close());

  it('prints a token that acts as the professional with that email: the chair reads their own meeting, and no other', async () => {
    const dir = await seedDirectory(t);
    const theirs = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-03T10:00:00Z')],
      }),
    );
    const other = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.iro.id,
        allowOverlap: true,
        sessions: [aSession('2026-12-04T10:00:00Z')],
      }),
    );

    const printed = await token(t, '--role', 'CHAIR', '--email', dir.people.chair.email!);
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const auth = { Authorization: `Bearer ${printed.stdout.trim()}` };
    await t.http.get(`/api/meetings/${theirs.id}`).set(auth).expect(200);
    await t.http.get(`/api/meetings/${other.id}`).set(auth).expect(404);
  });

  it('creates the person for a new email, named with --name, once', async () => {
    const printed = await token(
      t,
      '--role',
      'COORDINATOR',
      '--email',
      'new.coordinator@council.example',
      '--name',
      'Nadia Newstarter',
    );
    const auth = { Authorization: `Bearer ${printed.stdout.trim()}` };
    await t.http.get('/api/people').set(auth).expect(200);
    await t.http.get('/api/people').set(auth).expect(200);
    const rows = await t.dataSource.query(`SELECT name FROM people WHERE email = 'new.coordinator@council.example'`);
    expect(rows).toEqual([{ name: 'Nadia Newstarter' }]);
  });

  it('refuses an unknown role (exit 2) and a lifetime over 12 hours (exit 1), printing no token', async () => {
    const role = await token(t, '--role', 'WIZARD');
    expect({ code: role.code, stdout: role.stdout }).toEqual({ code: 2, stdout: '' });
    expect(role.stderr).toMatch(/--role must be one of ADMIN/);
    const long = await token(t, '--role', 'CHAIR', '--ttl', '13h');
    expect({ code: long.code, stdout: long.stdout }).toEqual({ code: 1, stdout: '' });
  });
});
