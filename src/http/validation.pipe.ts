import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { FieldError, fieldErrors, Problem } from './problem';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Deeper than any DTO of ours (a booking is 4 levels): refused before anything recurses over it (issue 17). */
export const MAX_BODY_DEPTH = 16;

/**
 * Where `value` holds a string with a NUL character: PostgreSQL stores none (not in text, not in jsonb), so such a
 * value is refused up front, by field, instead of failing in the database. Only parsed JSON and form values are
 * walked: an uploaded file's Buffer (or any other non-plain object) is data, not fields, and walking it byte by
 * byte once blocked the event loop for seconds. Nesting past MAX_BODY_DEPTH is refused as such.
 */
export function nulCharacterFields(value: unknown, at = '', depth = 0): FieldError[] {
  if (typeof value === 'string')
    return value.includes('\u0000') ? [{ field: at || 'body', message: 'must not contain a NUL character' }] : [];
  if (!value || typeof value !== 'object' || !isPlain(value)) return [];
  if (depth >= MAX_BODY_DEPTH)
    return [{ field: at || 'body', message: `is nested more than ${MAX_BODY_DEPTH} levels deep` }];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulCharacterFields(item, `${at}[${i}]`, depth + 1));
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key.includes('\u0000')
      ? [{ field: at || 'body', message: 'must not have a property name with a NUL character' }]
      : []),
    ...nulCharacterFields(item, at ? `${at}.${key}` : key, depth + 1),
  ]);
}

/** An array or an object as JSON.parse or the form parser builds it (null prototype included). */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** DTO validation for every request: unknown properties are refused, each bad field named. */
class QuorumValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const withNul = nulCharacterFields(value, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type));
    if (withNul.length > 0) throw Problem.invalid(withNul);
    return super.transform(value, metadata);
  }
}

export function validationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new QuorumValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}
