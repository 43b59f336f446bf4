import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { Clock } from '../time/clock';
import { IdempotencyRepository } from './idempotency.repository';
import { Problem } from './problem';

/** What the staff guard (src/auth) leaves on a request: spelled here, so that http, below auth, imports nothing of it. */
type AuthenticatedRequest = Request & { user?: { id: string } };

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
    private readonly keys: IdempotencyRepository,
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
    const claimed = await this.keys.claim(
      {
        actor,
        key,
        method: request.method,
        path: (request.route as { path?: string } | undefined)?.path ?? '',
        requestHash: hash,
      },
      ABANDONED_AFTER_MS / 1000,
      this.clock.now(),
    );
    if (!claimed) {
      const stored = await this.keys.stored(actor, key);
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
      await this.keys.answer(actor, key, status, result);
      return result;
    } catch (error) {
      // A refused request leaves no trace: the same key may carry a corrected request.
      await this.keys.release(actor, key);
      throw error;
    }
  }
}
