import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { FieldError, fieldErrors, Problem } from './problem';

/**
 * Where `value` holds a string with a NUL character: PostgreSQL stores none (not in text, not in jsonb), so such a
 * value is refused up front, by field, instead of failing in the database.
 */
export function nulCharacterFields(value: unknown, at = ''): FieldError[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [{ field: at || 'body', message: 'must not contain a NUL character' }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulCharacterFields(item, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes('\u0000') ? [{ field: at || 'body', message: 'must not have a property name with a NUL character' }] : []),
      ...nulCharacterFields(item, at ? `${at}.${key}` : key),
    ]);
  }
  return [];
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
  return new QuorumValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}
