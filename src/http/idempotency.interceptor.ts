import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { Clock } from '../time/clock';
import { Problem } from './problem';

/** What the staff guard (src/auth) leaves on a request: spelled here, so that http, below auth, imports nothing of it. */
type AuthenticatedRequest = Request & { user?: { id: string } };

/** A claimed key's row: the response is stored once the first request is answered (until then, status null). */
interface StoredResponse {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

/** A key still "in progress" after this long belongs to a request that died; it may be tried again. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * `Idempotency-Key` on staff POSTs: a retried request returns the first result and creates nothing twice.
 * The key is claimed before the handler runs (so two concurrent retries cannot both act) and answered from the
 * stored response afterwards. A key reused for a different request is refused (422).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    // Staff requests only: the guard has named the caller (personal links carry no Idempotency-Key contract).
    if (request.method !== 'POST' || typeof key !== 'string' || !request.user) return next.handle();
    if (!/^[A-Za-z0-9_.:-]{8,200}$/.test(key))
      throw Problem.badRequest('Idempotency-Key', 'must be 8–200 letters, digits or _ . : -');
    return from(this.once(context, request, key, next));
  }

  private async once(
    context: ExecutionContext,
    request: AuthenticatedRequest,
    key: string,
    next: CallHandler,
  ): Promise<unknown> {
    const actor = request.user!.id;
    const hash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const claimed = await this.dataSource.query<{ key: string }[]>(
      `INSERT INTO idempotency_keys (actor, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (actor, key) DO UPDATE SET created_at = $7, request_hash = EXCLUDED.request_hash
         WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.created_at < $7::timestamptz - make_interval(secs => $6)
       RETURNING key`,
      [
        actor,
        key,
        request.method,
        (request.route as { path?: string } | undefined)?.path ?? '',
        hash,
        ABANDONED_AFTER_MS / 1000,
        this.clock.now(),
      ],
    );
    if (claimed.length === 0) {
      const [stored] = await this.dataSource.query<StoredResponse[]>(
        `SELECT request_hash, status_code, response FROM idempotency_keys WHERE actor = $1 AND key = $2`,
        [actor, key],
      );
      if (stored.request_hash !== hash)
        throw Problem.unprocessable('Idempotency-Key', 'was used before for a different request');
      if (stored.status_code === null)
        throw new Problem(
          HttpStatus.CONFLICT,
          'A request with this Idempotency-Key is still being processed; try again shortly',
        );
      context
        .switchToHttp()
        .getResponse<Response>()
        .status(stored.status_code)
        .setHeader('Idempotent-Replayed', 'true');
      return stored.response;
    }
    try {
      const result: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = context.switchToHttp().getResponse<Response>().statusCode || HttpStatus.CREATED;
      await this.dataSource.query(
        `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE actor = $1 AND key = $2`,
        [actor, key, status, JSON.stringify(result ?? null)],
      );
      return result;
    } catch (error) {
      // A refused request leaves no trace: the same key may carry a corrected request.
      await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status_code IS NULL`,
        [actor, key],
      );
      throw error;
    }
  }
}
