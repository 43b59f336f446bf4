import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { Problem } from './problem';

/** Staff endpoints that take a multipart upload instead of JSON (API.md "Pre-reads"). */
const MULTIPART_ROUTES = [/^\/api\/meetings\/[^/]+\/documents\/?$/];

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const MULTIPART_TYPE = /^multipart\/form-data$/i;

/** A request with content: a length above zero, or chunked (no length known up front). */
function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/**
 * API.md "Conventions": JSON in, and a body of another media type is `415`. An interceptor, so that it answers after
 * the guard (no token is 401, a role without the right is 403, whatever was sent) and before any body is read by a
 * pipe or by multer: a wrong type is refused for what it is rather than read as something else (or not read at all).
 * The JSON parser leaves a body of another type unread.
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (!['POST', 'PUT', 'PATCH'].includes(request.method) || !request.path.startsWith('/api/') || !hasBody(request)) return next.handle();
    const given = (request.headers['content-type'] ?? '').split(';')[0].trim();
    const multipart = MULTIPART_ROUTES.some((route) => route.test(request.path));
    const expected = multipart ? 'multipart/form-data' : 'application/json';
    if ((multipart ? MULTIPART_TYPE : JSON_TYPE).test(given)) return next.handle();
    throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `The body must be ${expected}${given ? `, not ${given}` : ' (no Content-Type was given)'}`);
  }
}
