import type { AuditService } from '../audit/audit.service';
import type { StaffRole, StaffUser } from '../auth/staff-user';
import type { Clock } from '../time/clock';
import { AccountsRepository } from './accounts.repository';
import { hashPassword, passwordMatches, passwordProblem } from './passwords';
import { ACCOUNT_LINK_MS, afterFailedSignIn, hashOf, newSecret, sessionIsLive } from './session-rules';

export type SignInResult = { ok: true; sessionSecret: string } | { ok: false; locked: boolean };

/** A one-time link: to create the first administrator, or to set a person's password. */
export type AccountLink = { kind: 'first-admin' } | { kind: 'set-password'; accountId: string; name: string };

export type LinkForm = { name?: string; email?: string; password: string; confirmation: string };

/**
 * Local accounts for the embedded default (no identity provider): sign-in with lockout, sessions with idle and
 * absolute limits, one-time links. Every sign-in, failed or not, is in the audit trail. A plain class, so that
 * `npm run user` uses the very same code without Nest.
 */
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async signIn(username: string, password: string): Promise<SignInResult> {
    const now = this.clock.now();
    const account = await this.accounts.byUsername(username.trim());
    const locked = !!account?.lockedUntil && account.lockedUntil > now;
    // The hash is checked even for no account or a locked one, so the time taken does not say which.
    const matches = await passwordMatches(account?.passwordHash ?? null, password);
    // The trail's record id: the account's, or for no account a stable id made from the name tried (not the name).
    const subject =
      account?.id ??
      hashOf(username.trim().toLowerCase())
        .slice(0, 32)
        .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
    if (!account || locked || !matches || account.disabledAt) {
      if (account && !locked && !matches) {
        const next = afterFailedSignIn(account.failedAttempts, now);
        await this.accounts.recordFailure(account.id, next.failedAttempts, next.lockedUntil, now);
      }
      const action = locked ? 'account.sign-in-locked' : 'account.sign-in-failed';
      await this.audit.record(this.accounts.manager, {
        actor: account?.personId ?? 'anonymous',
        action,
        entity: 'account',
        entityId: subject,
      });
      return { ok: false, locked };
    }
    const sessionSecret = newSecret();
    await this.accounts.transaction(async (db) => {
      await this.accounts.clearFailures(db, account.id, now);
      await this.accounts.createSession(db, hashOf(sessionSecret), account.id, newSecret(), now);
      await this.audit.record(db, {
        actor: account.personId,
        action: 'account.signed-in',
        entity: 'account',
        entityId: account.id,
        personId: account.personId,
      });
    });
    return { ok: true, sessionSecret };
  }

  /** The member of staff a session cookie stands for, while the session lives; each request keeps it alive. */
  async sessionUser(sessionSecret: string): Promise<{ user: StaffUser; csrfToken: string } | null> {
    const idHash = hashOf(sessionSecret);
    const session = await this.accounts.session(idHash);
    const now = this.clock.now();
    if (!session) return null;
    if (!sessionIsLive(session, now)) {
      await this.accounts.endSession(idHash);
      return null;
    }
    const account = await this.accounts.byId(session.accountId);
    if (!account || account.disabledAt) return null;
    await this.accounts.touchSession(idHash, now);
    return {
      user: { id: account.personId, name: account.personName, email: account.email, roles: account.roles },
      csrfToken: session.csrfToken,
    };
  }

  async signOut(sessionSecret: string, user: StaffUser): Promise<void> {
    await this.accounts.endSession(hashOf(sessionSecret));
    await this.audit.record(this.accounts.manager, {
      actor: user.id,
      action: 'account.signed-out',
      entity: 'account',
      entityId: user.id,
    });
  }

  /** On a fresh DATA_DIR: a link that creates the first administrator, when none is live yet (null otherwise). */
  async firstAdminLink(): Promise<string | null> {
    const now = this.clock.now();
    if ((await this.accounts.count()) > 0 || (await this.accounts.liveFirstAdminLink(now))) return null;
    const token = newSecret();
    await this.accounts.transaction((db) =>
      this.accounts.createLink(db, hashOf(token), null, new Date(now.getTime() + ACCOUNT_LINK_MS), now),
    );
    return token;
  }

  /** `npm run user -- add`: the account (and its person, found by email or created) and a link to set its password. */
  async add(input: { email: string; name: string; roles: StaffRole[] }): Promise<string> {
    const now = this.clock.now();
    const token = newSecret();
    await this.accounts.transaction(async (db) => {
      if (await this.accounts.byUsername(input.email, db))
        throw new Error(`There is already an account for ${input.email}`);
      const personId = await this.accounts.professionalFor(db, input.email, input.name, input.roles[0], now);
      const accountId = await this.accounts.create(
        db,
        { personId, username: input.email, roles: input.roles, passwordHash: null },
        now,
      );
      await this.accounts.createLink(db, hashOf(token), accountId, new Date(now.getTime() + ACCOUNT_LINK_MS), now);
      await this.audit.record(db, {
        actor: 'cli',
        action: 'account.created',
        entity: 'account',
        entityId: accountId,
        personId,
        changes: { roles: input.roles },
      });
    });
    return token;
  }

  /** `npm run user -- reset`: the password is cleared, sessions and lockout end, and a new link is made. */
  async reset(email: string): Promise<string> {
    const now = this.clock.now();
    const token = newSecret();
    await this.accounts.transaction(async (db) => {
      const account = await this.required(email);
      await this.accounts.setPassword(db, account.id, null, now);
      await this.accounts.endSessions(db, account.id);
      await this.accounts.createLink(db, hashOf(token), account.id, new Date(now.getTime() + ACCOUNT_LINK_MS), now);
      await this.audit.record(db, {
        actor: 'cli',
        action: 'account.reset',
        entity: 'account',
        entityId: account.id,
        personId: account.personId,
      });
    });
    return token;
  }

  /** `npm run user -- disable`: no more sign-ins, and every session of the account ends now. */
  async disable(email: string): Promise<void> {
    const now = this.clock.now();
    await this.accounts.transaction(async (db) => {
      const account = await this.required(email);
      await this.accounts.disable(db, account.id, now);
      await this.audit.record(db, {
        actor: 'cli',
        action: 'account.disabled',
        entity: 'account',
        entityId: account.id,
        personId: account.personId,
      });
    });
  }

  async link(token: string): Promise<AccountLink | null> {
    return this.accounts.transaction(async (db) =>
      this.describe(await this.accounts.link(db, hashOf(token), this.clock.now(), false)),
    );
  }

  /** Spends the link: creates the first administrator or sets the password. Field errors, or null when done. */
  async redeem(token: string, form: LinkForm): Promise<Record<string, string> | null> {
    const errors: Record<string, string> = {};
    const now = this.clock.now();
    const found = await this.link(token);
    if (!found) return { link: 'This link has expired or has already been used' };
    if (found.kind === 'first-admin') {
      if (!form.name?.trim()) errors.name = 'Enter your full name';
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email?.trim() ?? ''))
        errors.email = 'Enter an email address in the correct format, like name@example.org';
    }
    const problem = passwordProblem(form.password, form.confirmation);
    if (problem) errors.password = problem;
    if (Object.keys(errors).length) return errors;
    const passwordHash = await hashPassword(form.password);
    return this.accounts.transaction(async (db) => {
      const spent = await this.accounts.link(db, hashOf(token), now, true);
      if (!spent) return { link: 'This link has expired or has already been used' };
      if (spent.accountId) {
        await this.accounts.setPassword(db, spent.accountId, passwordHash, now);
        await this.audit.record(db, {
          actor: 'link',
          action: 'account.password-set',
          entity: 'account',
          entityId: spent.accountId,
        });
        return null;
      }
      // The first administrator only while there is no account at all: a link does not outlive its purpose.
      if ((await this.accounts.count(db)) > 0) return { link: 'This link has expired or has already been used' };
      const email = form.email!.trim();
      const personId = await this.accounts.professionalFor(db, email, form.name!.trim(), 'ADMIN', now);
      const accountId = await this.accounts.create(
        db,
        { personId, username: email, roles: ['ADMIN'], passwordHash },
        now,
      );
      await this.audit.record(db, {
        actor: personId,
        action: 'account.created',
        entity: 'account',
        entityId: accountId,
        personId,
        changes: { roles: ['ADMIN'], firstAdministrator: true },
      });
      return null;
    });
  }

  private async describe(found: { accountId: string | null } | null): Promise<AccountLink | null> {
    if (!found) return null;
    if (!found.accountId) return { kind: 'first-admin' };
    const account = await this.accounts.byId(found.accountId);
    return account && !account.disabledAt
      ? { kind: 'set-password', accountId: account.id, name: account.personName }
      : null;
  }

  private async required(email: string) {
    const account = await this.accounts.byUsername(email);
    if (!account) throw new Error(`There is no account for ${email}`);
    return account;
  }
}
