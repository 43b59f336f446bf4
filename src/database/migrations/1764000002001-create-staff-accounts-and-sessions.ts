import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in without an identity provider (issue 20): local accounts, each one person of the directory; sessions kept
 * in PostgreSQL so that every instance honours a sign-out; one-time links that create the first administrator or
 * let a person set their password. Cookie values and link tokens are stored only as SHA-256 hashes: a read of the
 * database gives no working session or link. Numbered apart from its neighbours' migrations (parallel branches).
 */
export class CreateStaffAccountsAndSessions1764000002001 implements MigrationInterface {
  name = 'CreateStaffAccountsAndSessions1764000002001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staff_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE REFERENCES people(id),
        username text NOT NULL,
        password_hash text,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        disabled_at timestamptz,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX staff_accounts_username_key ON staff_accounts (lower(username))`);
    await db.query(`
      CREATE TABLE staff_sessions (
        id_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX staff_sessions_account_id_idx ON staff_sessions (account_id)`);
    await db.query(`
      CREATE TABLE account_links (
        token_hash text PRIMARY KEY,
        account_id uuid REFERENCES staff_accounts(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_links`);
    await db.query(`DROP TABLE staff_sessions`);
    await db.query(`DROP TABLE staff_accounts`);
  }
}
