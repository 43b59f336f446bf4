import * as oidc from 'openid-client';
import type { AuditService } from '../audit/audit.service';
import type { StaffPeople } from '../auth/staff-people';
import { staffClaimsFrom, StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import type { Clock } from '../time/clock';
import { AccountsRepository } from './accounts.repository';
import { hashOf, newSecret } from './session-rules';

export interface OidcSignInSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A claim name, or a dotted path such as `realm_access.roles`. */
  rolesClaim: string;
  /** Where the provider sends the browser back: `PUBLIC_URL` + `/sign-in/callback`. */
  redirectUri: string;
}

/** What the browser keeps (in an HttpOnly cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export type OidcSignInResult =
  | { ok: true; sessionSecret: string; user: StaffUser }
  | { ok: false; reason: 'no-role' | 'not-staff' | 'disabled' | 'failed' };

export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      claims,
    );
}

/** The pending sign-in as a cookie value, and back; anything else read back is no pending sign-in at all. */
export function encodePending(pending: PendingSignIn): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}

export function decodePending(value: string | undefined): PendingSignIn | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const fields = ['state', 'nonce', 'verifier', 'next'] as const;
    if (!fields.every((f) => typeof parsed[f] === 'string' && parsed[f] !== '')) return null;
    return parsed as unknown as PendingSignIn;
  } catch {
    return null;
  }
}

/** Plain http only for a provider on this machine (a test, a developer's): elsewhere tokens go over TLS or not at all. */
function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * Sign-in through an identity provider (issue 20): the authorization-code flow with PKCE, state and nonce, by
 * `openid-client`. The person is matched as a bearer token's is (StaffPeople: bound by issuer and subject, or on first
 * sign-in the professional with the provider's verified email); the roles are the provider's, from the configured
 * claim, and with none Quorum knows the person is refused. The session is the one local sign-in makes, on an account
 * without a password kept for the person, its roles refreshed at each sign-in. Every outcome is in the audit trail.
 */
export class OidcSignIn {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly settings: OidcSignInSettings,
    private readonly accounts: AccountsRepository,
    private readonly people: StaffPeople,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The provider's address to send the browser to, and what to keep until it comes back. */
  async start(next: string): Promise<{ url: string; pending: PendingSignIn }> {
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      next,
    };
    const url = oidc.buildAuthorizationUrl(await this.config(), {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /** The provider's answer (the callback's full URL): a session for the person, or why not. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<OidcSignInResult> {
    let claims: Record<string, unknown>;
    try {
      const config = await this.config();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Providers put profile claims (and often roles) in userinfo rather than the ID token: both are read.
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...idClaims };
    } catch {
      await this.refused('failed', 'anonymous', pending.state);
      return { ok: false, reason: 'failed' };
    }
    const staff = staffClaimsFrom(this.settings.issuer, claims, claimAt(claims, this.settings.rolesClaim));
    const subjectKey = `${this.settings.issuer}#${String(claims.sub)}`;
    if (!staff) {
      await this.refused('no-role', 'anonymous', subjectKey);
      return { ok: false, reason: 'no-role' };
    }
    let user: StaffUser;
    try {
      user = await this.people.userFor(staff);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      await this.refused('not-staff', 'anonymous', subjectKey);
      return { ok: false, reason: 'not-staff' };
    }
    const now = this.clock.now();
    const sessionSecret = newSecret();
    const signedIn = await this.accounts.transaction(async (db) => {
      // The person's account: made on first sign-in (no password: it signs in only through the provider), its roles
      // the provider's of today. A disabled account stays disabled whatever the provider says.
      const account = await this.accounts.upsertProviderAccount(db, user, subjectKey, now);
      if (account.disabledAt) return null;
      await this.accounts.createSession(db, hashOf(sessionSecret), account.id, newSecret(), now);
      await this.audit.record(db, {
        actor: user.id,
        action: 'account.signed-in',
        entity: 'account',
        entityId: account.id,
        personId: user.id,
        changes: { through: 'identity provider', roles: user.roles },
      });
      return account.id;
    });
    if (!signedIn) {
      await this.refused('disabled', user.id, subjectKey);
      return { ok: false, reason: 'disabled' };
    }
    return { ok: true, sessionSecret, user };
  }

  /** Discovery once, and again after a failure (the provider may have been down). */
  private config(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      return oidc.discovery(
        issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
    })().catch((error: unknown) => {
      this.configuration = null;
      throw error;
    });
    return this.configuration;
  }

  /** A refused sign-in in the trail, by a stable id made from the provider's subject (never the person's name). */
  private async refused(reason: string, actor: string, subject: string): Promise<void> {
    await this.audit.record(this.accounts.manager, {
      actor,
      action: 'account.sign-in-failed',
      entity: 'account',
      entityId: hashOf(subject)
        .slice(0, 32)
        .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
      changes: { through: 'identity provider', reason },
    });
  }
}
