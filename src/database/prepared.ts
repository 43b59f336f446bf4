import type { EntityManager } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** Each hot statement's name, by its text: the same text is the same prepared statement on every connection. */
const names = new Map<string, string>();

/**
 * Runs a statement of a hot path as a named prepared statement on the caller's connection (inside its transaction):
 * PostgreSQL parses it once per connection and, after five runs, keeps a generic plan if that costs no more than the
 * custom ones (a booking's six INSERTs: planning cost more than running them). Only for SQL whose text is fixed: its
 * values go in `params`, never in the text, or every variant becomes a new statement held by every connection.
 *
 * `genericPlan`: the generic plan from the first run, whatever the planner would rather. For a statement whose plan
 * cannot depend on its values and whose planning is dear against the two round trips the settings take: the deadline
 * sweep's union of windows was planned afresh every tick, 2.4 ms of a 9 ms tick, as the planner's estimates favoured
 * custom plans of the same shape. Not the booking's statements: its write on its generic plan saved 0.5 ms of
 * planning and lost more to the two round trips (quick runs alternated: 259–292 req/s with, 252–320 without); its
 * read's generic plan, made on the bench's new database, grew from 0.4 to ~15 ms a booking within 30 s of load, seq
 * scans off or not. The plan is made without seq scans: it is kept for the connection's life, and one made while the
 * tables were small (a new installation) would otherwise scan them whole as they grow (a statement given this option
 * reads by key or by an indexed range). Both settings are for this statement only (set before it and put back after,
 * in its transaction: they would apply to unnamed statements too, where a generic plan can miss a partial index).
 */
export async function preparedQuery<T>(
  db: EntityManager,
  sql: string,
  params: unknown[],
  opts: { genericPlan?: boolean } = {},
): Promise<T[]> {
  const runner = db.queryRunner;
  if (!(runner instanceof PostgresQueryRunner)) return db.query<T[]>(sql, params);
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `quorum-${names.size + 1}`));
  const client = (await runner.connect()) as { query(q: object | string): Promise<{ rows: T[] }> };
  if (!opts.genericPlan) return (await client.query({ name, text: sql, values: params })).rows;
  if (!runner.isTransactionActive) throw new Error('a generic plan is set for one statement of a transaction');
  await client.query('SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL enable_seqscan = off');
  const { rows } = await client.query({ name, text: sql, values: params });
  await client.query('SET LOCAL plan_cache_mode = DEFAULT; SET LOCAL enable_seqscan = DEFAULT');
  return rows;
}
