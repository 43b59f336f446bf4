import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { BODY_TYPES, BODY_TYPES_KEY, BodyType } from './body-types';
import { Problem } from './problem';

/** A request with content: a length above zero, or chunked (no length known up front). */
function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/**
 * API.md "Conventions": JSON in, and a body of another media type is `415`. Which types a route takes is its own
 * metadata (`@AcceptsBody`), never a match on the request's path. An interceptor, so that it answers after the
 * guard (no token is 401, a role without the right is 403, whatever was sent) and before any body is read by a
 * pipe or by multer: a wrong type is refused for what it is rather than read as something else (or not read at all).
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (!['POST', 'PUT', 'PATCH'].includes(request.method) || !hasBody(request)) return next.handle();
    const accepted = this.reflector.getAllAndOverride<BodyType[] | undefined>(BODY_TYPES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['json'];
    const given = (request.headers['content-type'] ?? '').split(';')[0].trim();
    if (accepted.some((type) => BODY_TYPES[type].pattern.test(given))) return next.handle();
    const expected = accepted.map((type) => BODY_TYPES[type].name).join(' or ');
    throw new Problem(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      `The body must be ${expected}${given ? `, not ${given}` : ' (no Content-Type was given)'}`,
    );
  }
}
