import { DataSource, EntityManager } from 'typeorm';
import type { StaffRole } from '../auth/staff-user';

export interface AccountRow {
  id: string;
  personId: string;
  personName: string;
  email: string | null;
  username: string;
  passwordHash: string | null;
  roles: StaffRole[];
  disabledAt: Date | null;
  failedAttempts: number;
  lockedUntil: Date | null;
}

interface IdRow {
  id: string;
}

export interface SessionRow {
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

const ACCOUNT = `SELECT a.id, a.person_id AS "personId", p.name AS "personName", p.email, a.username, a.password_hash AS "passwordHash",
                        a.roles, a.disabled_at AS "disabledAt", a.failed_attempts AS "failedAttempts", a.locked_until AS "lockedUntil"
                   FROM staff_accounts a JOIN people p ON p.id = a.person_id`;

/** The SQL of local accounts, sessions and one-time links. Secrets arrive here already hashed. */
export class AccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async byUsername(username: string, db: EntityManager = this.dataSource.manager): Promise<AccountRow | null> {
    const [row] = await db.query<AccountRow[]>(`${ACCOUNT} WHERE lower(a.username) = lower($1)`, [username]);
    return row ?? null;
  }

  async byId(id: string, db: EntityManager = this.dataSource.manager): Promise<AccountRow | null> {
    const [row] = await db.query<AccountRow[]>(`${ACCOUNT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  async count(db: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_accounts`);
    return n;
  }

  /** The professional with this email, or a new one: every account is a person of the directory. */
  async professionalFor(db: EntityManager, email: string, name: string, role: StaffRole, now: Date): Promise<string> {
    const [found] = await db.query<IdRow[]>(
      `SELECT id FROM people WHERE kind = 'PROFESSIONAL' AND lower(email) = lower($1) ORDER BY created_at, id LIMIT 1`,
      [email],
    );
    if (found) return found.id;
    const [created] = await db.query<IdRow[]>(
      `INSERT INTO people (name, email, kind, staff_role, created_at, updated_at) VALUES ($1, $2, 'PROFESSIONAL', $3, $4, $4) RETURNING id`,
      [name, email, role, now],
    );
    return created.id;
  }

  async create(
    db: EntityManager,
    account: { personId: string; username: string; roles: StaffRole[]; passwordHash: string | null },
    now: Date,
  ): Promise<string> {
    const [row] = await db.query<IdRow[]>(
      `INSERT INTO staff_accounts (person_id, username, roles, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [account.personId, account.username, account.roles, account.passwordHash, now],
    );
    return row.id;
  }

  /**
   * The account of a person signing in through the identity provider: made on first sign-in (no password), its
   * roles the provider's of today. Named by the person's email where no other account has it, so
   * `npm run user -- disable --email` finds it; otherwise by the provider's subject.
   */
  async upsertProviderAccount(
    db: EntityManager,
    person: { id: string; email: string | null; roles: StaffRole[] },
    subjectKey: string,
    now: Date,
  ): Promise<{ id: string; disabledAt: Date | null }> {
    const [account] = await db.query<{ id: string; disabledAt: Date | null }[]>(
      `INSERT INTO staff_accounts (person_id, username, roles, password_hash, created_at, updated_at)
       VALUES ($1, CASE WHEN $5::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff_accounts WHERE lower(username) = lower($5))
                        THEN $5 ELSE $2 END, $3, NULL, $4, $4)
       ON CONFLICT (person_id) DO UPDATE SET roles = EXCLUDED.roles, updated_at = EXCLUDED.updated_at
       RETURNING id, disabled_at AS "disabledAt"`,
      [person.id, subjectKey, person.roles, now, person.email],
    );
    return account;
  }

  async recordFailure(accountId: string, failedAttempts: number, lockedUntil: Date | null, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE staff_accounts SET failed_attempts = $2, locked_until = $3, updated_at = $4 WHERE id = $1`,
      [accountId, failedAttempts, lockedUntil, now],
    );
  }

  async setPassword(db: EntityManager, accountId: string, passwordHash: string | null, now: Date): Promise<void> {
    await db.query(
      `UPDATE staff_accounts SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = $3 WHERE id = $1`,
      [accountId, passwordHash, now],
    );
  }

  async disable(db: EntityManager, accountId: string, now: Date): Promise<void> {
    await db.query(`UPDATE staff_accounts SET disabled_at = $2, updated_at = $2 WHERE id = $1`, [accountId, now]);
    await this.endSessions(db, accountId);
  }

  async clearFailures(db: EntityManager, accountId: string, now: Date): Promise<void> {
    await db.query(
      `UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL, updated_at = $2 WHERE id = $1`,
      [accountId, now],
    );
  }

  async createSession(
    db: EntityManager,
    idHash: string,
    accountId: string,
    csrfToken: string,
    now: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO staff_sessions (id_hash, account_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)`,
      [idHash, accountId, csrfToken, now],
    );
  }

  async session(idHash: string): Promise<SessionRow | null> {
    const [row] = await this.dataSource.query<SessionRow[]>(
      `SELECT account_id AS "accountId", csrf_token AS "csrfToken", created_at AS "createdAt", last_seen_at AS "lastSeenAt" FROM staff_sessions WHERE id_hash = $1`,
      [idHash],
    );
    return row ?? null;
  }

  async touchSession(idHash: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE staff_sessions SET last_seen_at = $2 WHERE id_hash = $1`, [idHash, now]);
  }

  async endSession(idHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM staff_sessions WHERE id_hash = $1`, [idHash]);
  }

  async endSessions(db: EntityManager, accountId: string): Promise<void> {
    await db.query(`DELETE FROM staff_sessions WHERE account_id = $1`, [accountId]);
  }

  async createLink(
    db: EntityManager,
    tokenHash: string,
    accountId: string | null,
    expiresAt: Date,
    now: Date,
  ): Promise<void> {
    // A new link for an account replaces any it still had.
    if (accountId)
      await db.query(`UPDATE account_links SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL`, [
        accountId,
        now,
      ]);
    await db.query(
      `INSERT INTO account_links (token_hash, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)`,
      [tokenHash, accountId, expiresAt, now],
    );
  }

  /** An unused first-administrator link that still works. */
  async liveFirstAdminLink(now: Date): Promise<boolean> {
    const [row] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM account_links WHERE account_id IS NULL AND used_at IS NULL AND expires_at > $1`,
      [now],
    );
    return !!row;
  }

  /** The link's account (null: first administrator), if it works now; `use` spends it in the same transaction. */
  async link(
    db: EntityManager,
    tokenHash: string,
    now: Date,
    use: boolean,
  ): Promise<{ accountId: string | null } | null> {
    const [row] = await db.query<{ accountId: string | null }[]>(
      `SELECT account_id AS "accountId" FROM account_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 ${use ? 'FOR UPDATE' : ''}`,
      [tokenHash, now],
    );
    if (row && use) await db.query(`UPDATE account_links SET used_at = $2 WHERE token_hash = $1`, [tokenHash, now]);
    return row ?? null;
  }
}
