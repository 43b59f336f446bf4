import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { csrfOf, PASSWORD, signedIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

/** `npm run user` as the README tells an operator to use it: the real CLI in its own process, on Quorum's database. */
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

async function user(t: TestApp, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/accounts/user.cli.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: 'tsconfig.json',
          DATABASE_URL: t.database.url,
          DATA_DIR: t.config.dataDir,
          PUBLIC_URL: 'http://quorum.test',
          LOG_LEVEL: 'silent',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const linkIn = (stdout: string) => /http:\/\/quorum\.test(\/account-link\/[A-Za-z0-9_-]{43})/.exec(stdout)![1];

async function setPassword(t: TestApp, link: string): Promise<void> {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get(link).expect(200);
  expect(form.text).toContain('Set your password');
  await agent
    .post(link)
    .type('form')
    .send({ _csrf: csrfOf(form.text), password: PASSWORD, confirmation: PASSWORD })
    .expect(303);
}

describe('npm run user', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('adds an account for a person, who sets their own password through a one-time link', async () => {
    const added = await user(
      t,
      'add',
      '--email',
      'chris.chair@council.example',
      '--name',
      'Chris Chair',
      '--role',
      'CHAIR',
    );
    expect(added.code).toBe(0);
    await setPassword(t, linkIn(added.stdout));
    const [person] = await t.dataSource.query(
      `SELECT p.name, p.kind, a.roles FROM staff_accounts a JOIN people p ON p.id = a.person_id WHERE a.username = 'chris.chair@council.example'`,
    );
    expect(person).toEqual({ name: 'Chris Chair', kind: 'PROFESSIONAL', roles: ['CHAIR'] });
    const agent = await signedIn(t, { email: 'chris.chair@council.example', password: PASSWORD });
    await agent.get('/').expect(200);
    expect(
      (await user(t, 'add', '--email', 'chris.chair@council.example', '--name', 'Again', '--role', 'CHAIR')).code,
    ).toBe(1);
  });

  it('resets a password: the sessions end and only the new link sets it', async () => {
    const added = await user(
      t,
      'add',
      '--email',
      'rita@council.example',
      '--name',
      'Rita Reset',
      '--role',
      'COORDINATOR',
    );
    await setPassword(t, linkIn(added.stdout));
    const agent = await signedIn(t, { email: 'rita@council.example', password: PASSWORD });
    const reset = await user(t, 'reset', '--email', 'rita@council.example');
    expect(reset.code).toBe(0);
    await agent.get('/api/meeting-types').expect(401);
    await t.http.get(linkIn(added.stdout)).expect(404);
    await setPassword(t, linkIn(reset.stdout));
    await signedIn(t, { email: 'rita@council.example', password: PASSWORD });
  });

  it('disables an account: its session ends and it cannot sign in again', async () => {
    const added = await user(t, 'add', '--email', 'dan@council.example', '--name', 'Dan Disabled', '--role', 'VIEWER');
    await setPassword(t, linkIn(added.stdout));
    const agent = await signedIn(t, { email: 'dan@council.example', password: PASSWORD });
    expect((await user(t, 'disable', '--email', 'dan@council.example')).code).toBe(0);
    await agent.get('/api/meeting-types').expect(401);
    await expect(signedIn(t, { email: 'dan@council.example', password: PASSWORD })).rejects.toThrow(/303/);
  });

  it('refuses an unknown role, naming the roles', async () => {
    const refused = await user(t, 'add', '--email', 'x@council.example', '--name', 'X', '--role', 'WIZARD');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('COORDINATOR');
  });
});
