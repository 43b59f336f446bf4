import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { StaffClaims, staffClaimsFrom, StaffRole } from './staff-user';

const ISSUER = 'quorum';
const AUDIENCE = 'quorum-staff';
/** A local token lives at most a working day: a lost one stops working by itself. */
export const MAX_LOCAL_TOKEN_SECONDS = 12 * 3600;

/** `12h`, `90m`, `3600s` or seconds: how long a token asked for lives, in seconds; null when it cannot be read. */
export function ttlSeconds(ttl: string | number): number | null {
  if (typeof ttl === 'number') return Number.isFinite(ttl) && ttl > 0 ? Math.floor(ttl) : null;
  const match = /^(\d+)\s*(s|m|h)?$/.exec(ttl.trim());
  if (!match) return null;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}

/** Local HS256 bearer tokens for staff; each names one person by `sub` (the person's id, or the id they will get). */
export class StaffTokens {
  constructor(
    private readonly secret: Uint8Array,
    /** Tokens from the configured identity provider, tried when a token is not one of ours. */
    private readonly oidc: { verify(token: string): Promise<StaffClaims | null> } | null = null,
  ) {}

  async issue(
    user: { roles: StaffRole[]; name?: string | null; email?: string | null; id?: string },
    ttl: string | number = '12h',
  ): Promise<string> {
    const seconds = ttlSeconds(ttl);
    if (seconds === null || seconds > MAX_LOCAL_TOKEN_SECONDS)
      throw new Error(`a staff token lives at most 12h (asked for ${ttl})`);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: user.roles, name: user.name ?? undefined, email: user.email ?? undefined })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id ?? randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(this.secret);
  }

  /** What the token says of its bearer, or null when it is not valid (bad signature, expired, no expiry, wrong shape). */
  async verify(token: string): Promise<StaffClaims | null> {
    return (await this.verifyLocal(token)) ?? (this.oidc ? this.oidc.verify(token) : null);
  }

  private async verifyLocal(token: string): Promise<StaffClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      // A token that never expires, or lives longer than a working day, is not one Quorum issues.
      if (payload.exp! - payload.iat! > MAX_LOCAL_TOKEN_SECONDS) return null;
      return staffClaimsFrom('local', payload, payload.roles);
    } catch {
      return null;
    }
  }
}
