import { HttpException, HttpStatus } from '@nestjs/common';
import { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error answer. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/**
 * An error a client caused, with the fields it concerns. Services throw it (or a subclass of
 * HttpException); the one exception filter turns it into `application/problem+json`.
 */
export class Problem extends HttpException {
  constructor(
    status: HttpStatus,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail, status);
  }

  static badRequest(field: string, message: string): Problem {
    return new Problem(HttpStatus.BAD_REQUEST, `${field}: ${message}`, [{ field, message }]);
  }

  static invalid(errors: FieldError[]): Problem {
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new Problem(HttpStatus.BAD_REQUEST, detail, errors);
  }

  static unprocessable(field: string, message: string): Problem {
    return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string): Problem {
    return new Problem(HttpStatus.NOT_FOUND, `${what} was not found`);
  }

  static conflict(detail: string, errors?: FieldError[]): Problem {
    return new Problem(HttpStatus.CONFLICT, detail, errors);
  }
}

/** Flattens class-validator's tree into `sessions[0].join.videoUrl`-style field paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const key = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent ? (key.startsWith('[') ? `${parent}${key}` : `${parent}.${key}`) : key;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}
