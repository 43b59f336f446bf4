import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { FieldError, Problem, ProblemDetails } from './problem';

/** PostgreSQL error codes a client can cause, and how they are answered. */
const CLIENT_SQL_ERRORS: Record<string, { status: number; detail: string }> = {
  '23505': { status: HttpStatus.CONFLICT, detail: 'A record with the same unique value already exists' },
  '23503': { status: HttpStatus.UNPROCESSABLE_ENTITY, detail: 'A referenced record does not exist' },
  '22P02': { status: HttpStatus.BAD_REQUEST, detail: 'A value has the wrong format' },
  '22007': { status: HttpStatus.BAD_REQUEST, detail: 'A date or time is not valid' },
  '22008': { status: HttpStatus.BAD_REQUEST, detail: 'A date or time is out of range' },
  '22021': { status: HttpStatus.BAD_REQUEST, detail: 'A text value holds a character that cannot be stored' },
  '22P05': { status: HttpStatus.BAD_REQUEST, detail: 'A text value holds a character that cannot be stored' },
  '40001': { status: HttpStatus.CONFLICT, detail: 'The record changed at the same time; try again' },
  // Two changes to one meeting that each wait for the other (e.g. at the committee report's summary row): PostgreSQL
  // rolls one back whole, and it is worth trying again.
  '40P01': { status: HttpStatus.CONFLICT, detail: 'The record changed at the same time; try again' },
};

/**
 * The database cannot be reached (refused, restarting, shutting down, out of connections): nothing the client did,
 * and worth retrying, so 503 with Retry-After rather than 500. Socket codes from `pg`, SQLSTATE classes 08 and 57P.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);
function databaseUnavailable(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown; message?: unknown }; message?: unknown };
  const code = error?.driverError?.code ?? error?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const given = error?.driverError?.message ?? error?.message;
  const message = typeof given === 'string' ? given : '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/.test(message);
}
const RETRY_AFTER_SECONDS = 5;
/** As a number: a problem's status is any number, not only Nest's named ones. */
const SERVICE_UNAVAILABLE: number = HttpStatus.SERVICE_UNAVAILABLE;

/** Errors from body parsing and multipart uploads carry an HTTP status of their own. */
function statusOf(exception: unknown): number | undefined {
  const candidate = exception as { status?: unknown; statusCode?: unknown };
  const status = candidate?.status ?? candidate?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/** The one place errors become `application/problem+json` (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status === SERVICE_UNAVAILABLE) {
      this.logger.error(
        { err: { type: (exception as Error)?.name, message: (exception as Error)?.message } },
        'Database unavailable',
      );
    } else if (problem.status >= 500) {
      const error = exception as Error;
      this.logger.error(
        { err: { type: error?.name, message: error?.message, stack: error?.stack } },
        'Unhandled error',
      );
    }
    if (response.headersSent) return;
    if (problem.status === SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof Problem) return this.problem(exception.getStatus(), exception.detail, exception.errors);
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return this.problem(
        exception.getStatus(),
        Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message,
      );
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const known = CLIENT_SQL_ERRORS[code];
      if (known) return this.problem(known.status, known.detail);
    }
    if (databaseUnavailable(exception)) {
      return this.problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        `The database cannot be reached just now; nothing was changed. Try again in ${RETRY_AFTER_SECONDS} seconds`,
      );
    }
    const status = statusOf(exception);
    if (status && status < 500) {
      const detail = status === 413 ? 'The request body is too large' : ((exception as Error).message ?? 'Bad request');
      return this.problem(status, detail);
    }
    return this.problem(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side; it has been logged');
  }

  private problem(status: number, detail: string, errors?: FieldError[]): ProblemDetails {
    const title = STATUS_CODES[status] ?? 'Error';
    return {
      type: `https://quorum.localhost/problems/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      title,
      status,
      detail,
      ...(errors?.length ? { errors } : {}),
    };
  }
}
