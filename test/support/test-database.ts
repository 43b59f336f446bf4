import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

function adminUrl(): string {
  const url = process.env.QUORUM_TEST_ADMIN_URL;
  if (!url) throw new Error('QUORUM_TEST_ADMIN_URL is unset: run the tests through jest (global-setup.ts)');
  return url;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the run's server: a copy of the run's template (the schema, migrated once), or else empty. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `quorum_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  const template = process.env.QUORUM_TEST_TEMPLATE;
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
