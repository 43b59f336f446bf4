/**
 * Prints one bearer token for a staff user: `npm run token -- --role CHAIR [--name NAME] [--email EMAIL]`.
 * Valid for this DATA_DIR / JWT_SECRET, for at most 12 hours (`--ttl 2h` for less).
 *
 * The token acts as one person (API.md): the professional with `--email` (created with `--name` if missing), or
 * without `--email` a person created for the token. Quorum finds or creates that person when the token is first
 * used, so this command needs no database and works whether or not Quorum is running.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config';
import { resolveJwtSecret } from './jwt-secret';
import { StaffTokens } from './staff-tokens';
import { STAFF_ROLES, StaffRole } from './staff-user';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
  });
  const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
  const unknown = roles.filter((r) => !STAFF_ROLES.includes(r as StaffRole));
  if (roles.length === 0 || unknown.length > 0) {
    process.stderr.write(`--role must be one of ${STAFF_ROLES.join(', ')}\n`);
    process.exit(2);
  }
  const tokens = new StaffTokens(resolveJwtSecret(loadConfig()));
  process.stdout.write(
    `${await tokens.issue({ roles: roles as StaffRole[], name: values.name, email: values.email }, values.ttl)}\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
