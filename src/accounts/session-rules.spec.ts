import { afterFailedSignIn, cookieHeader, LOCKOUT_MS, parseCookies, sameSecret, sessionIsLive } from './session-rules';

const at = (iso: string) => new Date(iso);

describe('session rules', () => {
  it('ends a session after 30 minutes idle', () => {
    const session = { createdAt: at('2026-11-23T09:00:00Z'), lastSeenAt: at('2026-11-23T09:10:00Z') };
    expect(sessionIsLive(session, at('2026-11-23T09:39:59Z'))).toBe(true);
    expect(sessionIsLive(session, at('2026-11-23T09:40:00Z'))).toBe(false);
  });

  it('ends a session 12 hours after sign-in however busy it is', () => {
    const session = { createdAt: at('2026-11-23T09:00:00Z'), lastSeenAt: at('2026-11-23T20:59:00Z') };
    expect(sessionIsLive(session, at('2026-11-23T20:59:59Z'))).toBe(true);
    expect(sessionIsLive(session, at('2026-11-23T21:00:00Z'))).toBe(false);
  });

  it('locks an account on the fifth wrong password in a row, for 15 minutes', () => {
    const now = at('2026-11-23T09:00:00Z');
    expect(afterFailedSignIn(3, now)).toEqual({ failedAttempts: 4, lockedUntil: null });
    expect(afterFailedSignIn(4, now)).toEqual({ failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) });
  });

  it('reads cookies and writes them HttpOnly, SameSite=Lax, Secure only over https', () => {
    expect(parseCookies('a=1; quorum_session=abc=; a=2')).toEqual({ a: '1', quorum_session: 'abc=' });
    expect(cookieHeader('s', 'v', false)).toBe('s=v; Path=/; HttpOnly; SameSite=Lax');
    expect(cookieHeader('s', 'v', true, 0)).toBe('s=v; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0');
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
  });
});
