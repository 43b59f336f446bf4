import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { StaffRole, StaffUser, staffUserFrom } from './staff-user';

const ISSUER = 'quorum';
const AUDIENCE = 'quorum-staff';

/** Local HS256 bearer tokens for staff. */
export class StaffTokens {
  constructor(
    private readonly secret: Uint8Array,
    /** Tokens from the configured identity provider, tried when a token is not one of ours. */
    private readonly oidc: { verify(token: string): Promise<StaffUser | null> } | null = null,
  ) {}

  async issue(user: { roles: StaffRole[]; name?: string | null; email?: string | null; id?: string }, ttl = '12h'): Promise<string> {
    return new SignJWT({ roles: user.roles, name: user.name ?? undefined, email: user.email ?? undefined })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id ?? randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(this.secret);
  }

  /** The user the token names, or null when it is not valid (bad signature, expired, wrong shape). */
  async verify(token: string): Promise<StaffUser | null> {
    return (await this.verifyLocal(token)) ?? (this.oidc ? this.oidc.verify(token) : null);
  }

  private async verifyLocal(token: string): Promise<StaffUser | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      return staffUserFrom(payload, payload.roles);
    } catch {
      return null;
    }
  }
}
