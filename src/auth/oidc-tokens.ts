import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';
import { StaffClaims, staffClaimsFrom } from './staff-user';

export interface OidcSettings {
  issuer: string;
  /** Required: a token minted for another application of the same provider is not one for Quorum. */
  audience: string;
  jwksUrl: string;
  /** Where the roles are in the token: a claim name, or a dotted path such as `realm_access.roles`. */
  rolesClaim: string;
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      payload,
    );
}

/** Staff sign-in through a real identity provider: bearer tokens verified against the issuer's JWKS. */
export class OidcTokens {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: OidcSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<StaffClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'sub'],
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
      });
      return staffClaimsFrom(this.settings.issuer, payload, claimAt(payload, this.settings.rolesClaim));
    } catch {
      return null;
    }
  }
}
