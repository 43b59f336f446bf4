import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A claimed key's row: the response is stored once the first request is answered (until then, status null). */
export interface StoredResponse {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

/** The `idempotency_keys` table: claiming a key, answering it, and letting it go. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims the caller's key for this request; false when it is held (answered, or still in progress and not yet
   * `abandonedAfterSeconds` old, after which it belongs to a request that died and may be claimed again).
   */
  async claim(
    key: { actor: string; key: string; method: string; path: string; requestHash: string },
    abandonedAfterSeconds: number,
    now: Date,
    db: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const claimed = await db.query<{ key: string }[]>(
      `INSERT INTO idempotency_keys (actor, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (actor, key) DO UPDATE SET created_at = $7, request_hash = EXCLUDED.request_hash
         WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.created_at < $7::timestamptz - make_interval(secs => $6)
       RETURNING key`,
      [key.actor, key.key, key.method, key.path, key.requestHash, abandonedAfterSeconds, now],
    );
    return claimed.length > 0;
  }

  async stored(actor: string, key: string, db: EntityManager = this.dataSource.manager): Promise<StoredResponse> {
    const [stored] = await db.query<StoredResponse[]>(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE actor = $1 AND key = $2`,
      [actor, key],
    );
    return stored;
  }

  async answer(
    actor: string,
    key: string,
    status: number,
    response: unknown,
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await db.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE actor = $1 AND key = $2`, [
      actor,
      key,
      status,
      JSON.stringify(response ?? null),
    ]);
  }

  /** Lets go of a key whose request was refused, so that it may carry a corrected one. */
  async release(actor: string, key: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(`DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status_code IS NULL`, [actor, key]);
  }
}
