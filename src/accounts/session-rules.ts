import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A session ends after 30 minutes without a request, and 12 hours after sign-in whatever happens (issue 20). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** Five wrong passwords in a row lock the account for 15 minutes; a right one clears the count. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** A one-time link (first administrator, set a password) works for 24 hours. */
export const ACCOUNT_LINK_MS = 24 * 3600_000;

export const SESSION_COOKIE = 'quorum_session';
/** Before sign-in there is no session: the sign-in and link forms carry a token matching this cookie instead. */
export const FORM_COOKIE = 'quorum_form';

export function sessionIsLive(session: { createdAt: Date; lastSeenAt: Date }, now: Date): boolean {
  return (
    now.getTime() - session.lastSeenAt.getTime() < SESSION_IDLE_MS &&
    now.getTime() - session.createdAt.getTime() < SESSION_ABSOLUTE_MS
  );
}

/** What a failed attempt leaves: the new count, and until when the account is locked (null: not locked). */
export function afterFailedSignIn(
  failedAttempts: number,
  now: Date,
): { failedAttempts: number; lockedUntil: Date | null } {
  const count = failedAttempts + 1;
  return count >= MAX_FAILED_SIGN_INS
    ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) }
    : { failedAttempts: count, lockedUntil: null };
}

/** A random secret for a cookie, a link or a form token. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a secret: its hash, so a read of the database gives no working session or link. */
export function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The cookies of a request's `Cookie` header (the first of each name). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    if (!(name in cookies)) cookies[name] = part.slice(at + 1).trim();
  }
  return cookies;
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure when Quorum is served over https. */
export function cookieHeader(name: string, value: string, secure: boolean, maxAgeSeconds?: number): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : []),
  ].join('; ');
}
