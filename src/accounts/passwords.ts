import { hash, verify } from '@node-rs/argon2';

/** NCSC: length over complexity; a passphrase of three random words passes, "Password1!" does not. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string, confirmation: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'Enter a password of at most 200 characters';
  if (password !== confirmation) return 'The passwords do not match';
  return null;
}

/** argon2id with the library's defaults (OWASP's recommended minimum: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A verification to spend the same time on when there is no account, so the answer's timing does not tell. */
const NO_ACCOUNT_HASH = hash('no account has this password');

export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(await NO_ACCOUNT_HASH, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
