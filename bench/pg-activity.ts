/**
 * What the app's PostgreSQL backends were doing, sampled from `pg_stat_activity` every few milliseconds during a load:
 * each sample of each backend of the database counts once under its state and wait event, so a share is the fraction of
 * backend-time seen in that state. The sampling connection is excluded; it costs CPU, so it runs only in the untimed
 * diagnostic run, never during the timed ones.
 */
import { Client } from 'pg';

export interface ActivityRow {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query: string | null;
}

export interface ActivityShare {
  label: string;
  samples: number;
  share: number;
}

export interface ActivitySummary {
  intervalMs: number;
  /** Polls of pg_stat_activity made, and backend-samples seen in them. */
  polls: number;
  backendSamples: number;
  /** Mean number of the app's backends per poll. */
  meanBackends: number;
  byState: ActivityShare[];
  /** For the active samples: the statement's first words, most frequent first. */
  activeStatements: ActivityShare[];
}

/** The bucket of one backend sample. */
export function activityLabel(row: ActivityRow): string {
  const wait = row.wait_event_type ? `${row.wait_event_type}/${row.wait_event}` : null;
  switch (row.state) {
    case 'active':
      return wait ? `active, waiting on ${wait}` : 'active, on CPU (no wait event)';
    case 'idle in transaction':
      return `idle in transaction (waiting for the app's next statement${wait ? `: ${wait}` : ''})`;
    case 'idle':
      return 'idle (between transactions: waiting for the app)';
    default:
      return `${row.state ?? 'unknown'}${wait ? ` (${wait})` : ''}`;
  }
}

/** The statement's first words, its literals and parameters dropped: "INSERT INTO participants", "COMMIT". */
export function statementKey(query: string | null): string {
  const words = (query ?? '').replace(/\s+/g, ' ').trim().split(' ');
  const head = /^(INSERT|DELETE)$/i.test(words[0] ?? '')
    ? words.slice(0, 3)
    : /^(UPDATE)$/i.test(words[0] ?? '')
      ? words.slice(0, 2)
      : words.slice(0, 1);
  return (
    head
      .join(' ')
      .replace(/[(;].*$/, '')
      .replace(/"/g, '')
      .toUpperCase() || '(empty)'
  );
}

export function summariseActivity(polls: ActivityRow[][], intervalMs: number, top = 8): ActivitySummary {
  const states = new Map<string, number>();
  const statements = new Map<string, number>();
  let samples = 0;
  let active = 0;
  for (const poll of polls) {
    for (const row of poll) {
      samples++;
      const label = activityLabel(row);
      states.set(label, (states.get(label) ?? 0) + 1);
      if (row.state === 'active') {
        active++;
        const key = statementKey(row.query);
        statements.set(key, (statements.get(key) ?? 0) + 1);
      }
    }
  }
  const rank = (m: Map<string, number>, of: number): ActivityShare[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, n]) => ({ label, samples: n, share: of ? n / of : 0 }));
  return {
    intervalMs,
    polls: polls.length,
    backendSamples: samples,
    meanBackends: polls.length ? samples / polls.length : 0,
    byState: rank(states, samples),
    activeStatements: rank(statements, active),
  };
}

/** Starts polling; `stop()` ends it and returns the summary. */
export async function sampleActivity(
  databaseUrl: string,
  intervalMs = 10,
): Promise<{ stop(): Promise<ActivitySummary> }> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'quorum-bench-sampler' });
  await client.connect();
  const database = new URL(databaseUrl).pathname.slice(1);
  const polls: ActivityRow[][] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const { rows } = await client.query<ActivityRow>(
        `SELECT state, wait_event_type, wait_event, left(query, 60) AS query FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [database],
      );
      polls.push(rows);
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return summariseActivity(polls, intervalMs);
    },
  };
}
