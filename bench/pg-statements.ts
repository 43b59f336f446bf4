/**
 * PostgreSQL's own account of a load, statement by statement, from pg_stat_statements: how long each kind of statement
 * ran and how long it was planned, per booking. The bench's embedded PostgreSQL preloads the module with tracking off;
 * `trackStatements` turns it on for the sessions opened after it (ALTER DATABASE … SET), so only the loads it watches
 * pay for it. A server without the module (TEST_DATABASE_URL pointing elsewhere) gives null: the figure is left out.
 */
import { Client } from 'pg';

export interface StatementTimes {
  /** The statement's first words (whitespace folded). */
  query: string;
  calls: number;
  /** How many of the calls were planned (a prepared statement on its cached generic plan is not). */
  plans: number;
  meanExecMs: number;
  meanPlanMs: number;
}

export interface StatementsSummary {
  bookings: number;
  /** Per booking: time executing and planning, and statements sent. */
  execMs: number;
  planMs: number;
  statements: number;
  /** The statements that took most of the time, most first. */
  top: StatementTimes[];
}

export interface StatementTracker {
  /** Forgets what was counted so far (a warm-up). */
  reset(): Promise<void>;
  /** What was counted since the last reset, per booking. */
  read(bookings: number): Promise<StatementsSummary>;
  /** Tracking off again for later sessions. */
  end(): Promise<void>;
}

export async function trackStatements(databaseUrl: string): Promise<StatementTracker | null> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const loaded = await client.query(
    `SELECT 1 FROM pg_settings WHERE name = 'shared_preload_libraries' AND setting ~ '\\mpg_stat_statements\\M'`,
  );
  if (loaded.rowCount === 0) {
    await client.end();
    return null;
  }
  const database = new URL(databaseUrl).pathname.slice(1);
  await client.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  await client.query(`ALTER DATABASE ${database} SET pg_stat_statements.track = 'top'`);
  await client.query(`ALTER DATABASE ${database} SET pg_stat_statements.track_planning = on`);
  const reset = async () => {
    await client.query(`SELECT pg_stat_statements_reset()`);
  };
  await reset();
  return {
    reset,
    read: async (bookings) => {
      const { rows } = await client.query<{
        query: string;
        calls: string;
        plans: string;
        exec: number;
        plan: number;
      }>(
        `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query, calls, plans,
                total_exec_time AS exec, total_plan_time AS plan
           FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query !~* '^\\s*(SELECT pg_stat_statements_reset|SELECT state, wait_event_type)'
          ORDER BY total_exec_time + total_plan_time DESC`,
      );
      const per = (x: number) => x / Math.max(1, bookings);
      return {
        bookings,
        execMs: per(rows.reduce((s, r) => s + r.exec, 0)),
        planMs: per(rows.reduce((s, r) => s + r.plan, 0)),
        statements: per(rows.reduce((s, r) => s + Number(r.calls), 0)),
        top: rows.slice(0, 6).map((r) => ({
          query: r.query,
          calls: Number(r.calls),
          plans: Number(r.plans),
          meanExecMs: r.exec / Math.max(1, Number(r.calls)),
          meanPlanMs: Number(r.plans) ? r.plan / Number(r.plans) : 0,
        })),
      };
    },
    end: async () => {
      await client.query(`ALTER DATABASE ${database} RESET pg_stat_statements.track`);
      await client.query(`ALTER DATABASE ${database} RESET pg_stat_statements.track_planning`);
      await client.end();
    },
  };
}

/** A summary in one line: time executing and planning, and statements sent, per booking. */
export function statementsLine(s: StatementsSummary): string {
  return `${s.execMs.toFixed(2)} ms executing + ${s.planMs.toFixed(2)} ms planning in ${s.statements.toFixed(1)} statements`;
}
