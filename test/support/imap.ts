import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';

/** Debian's dovecot-imapd (apt-get install dovecot-imapd); .ci/run installs it when missing. */
export const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
export const hasDovecot = existsSync(DOVECOT) && existsSync('/usr/lib/dovecot/imap');

/**
 * `describe` for tests against a real IMAP server. Without dovecot (a machine with only Node) the suite is reported
 * as skipped with the reason; under CI (`CI=true`, where .ci/run installs it) a missing dovecot is a failure.
 */
export const describeWithImap: jest.Describe =
  hasDovecot || process.env.CI === 'true'
    ? describe
    : (((name: string, fn: () => void) =>
        describe.skip(`${name} (skipped: no dovecot-imapd at ${DOVECOT})`, fn)) as unknown as jest.Describe);

export interface TestImapServer {
  port: number;
  user: string;
  password: string;
  /** INBOUND_IMAP_URL for this server's INBOX. */
  url: string;
  close(): Promise<void>;
}

/**
 * Dovecot on a loopback port, as its own process with a temporary configuration: one user from a passwd-file (plain
 * password), maildir in a temporary folder, no TLS (loopback only). As root the mail is owned by `nobody` (dovecot
 * refuses to serve mail as root); otherwise by the user running the tests.
 */
export async function startImapServer(): Promise<TestImapServer> {
  if (!hasDovecot)
    throw new Error(`CI=true and no dovecot at ${DOVECOT}: .ci/run installs it (apt-get install dovecot-imapd)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-imap-'));
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  const me = os.userInfo();
  const uid = root ? 65534 : me.uid;
  const gid = root ? 65534 : me.gid;
  const mail = path.join(dir, 'mail');
  mkdirSync(mail, { mode: 0o777 });
  chmodSync(mail, 0o777);
  const user = 'organiser';
  const password = 'imap-test-password';
  const port = await freePort();
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${uid}:${gid}::${mail}/${user}::\n`);
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `instance_name = quorum-test-${port}`,
      `log_path = ${dir}/dovecot.log`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `first_valid_uid = ${Math.min(uid, 1)}`,
      ...(root ? [] : [`default_internal_user = ${me.username}`, `default_login_user = ${me.username}`]),
      `mail_location = maildir:${mail}/%u`,
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN ${dir}/passwd`,
      '}',
      'userdb {',
      '  driver = passwd-file',
      `  args = ${dir}/passwd`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      'service imap-login {',
      '  chroot =',
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${output}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`dovecot did not listen within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
