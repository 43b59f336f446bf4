import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, registerDecorator, ValidationOptions } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,9}))?)?(?:Z|([+-])([01]\d|2[0-3]):?([0-5]\d))$/i;

/** `YYYY-MM-DD` naming a day that exists: 2026-02-30 and 2026-13-01 do not. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO 8601 instant with an offset or `Z` (API.md "Conventions") on a day that exists. */
export function isInstant(value: unknown): value is string {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  return match !== null && isCalendarDate(match[1]);
}

/** A class-validator decorator from a check and the message naming what is expected. */
function dateCheck(name: string, message: string, validate: (value: unknown) => boolean) {
  return (options: ValidationOptions = {}): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message, ...options },
        validator: { validate },
      });
}

/** A statutory date (`YYYY-MM-DD`, London) that exists. */
export const IsCalendarDate = dateCheck('isCalendarDate', '$property must be a real date YYYY-MM-DD', isCalendarDate);

/** An instant with an offset or `Z` that names a real time (not 30 February, not 24:30). */
export const IsInstant = dateCheck(
  'isInstant',
  '$property must be a real ISO 8601 instant with an offset or Z, e.g. 2026-12-03T10:00:00Z',
  isInstant,
);

/** Either a statutory date or an instant (a list filter takes both). */
export const IsDateOrInstant = dateCheck(
  'isDateOrInstant',
  '$property must be a real date YYYY-MM-DD or an instant with an offset (2026-12-01T09:00:00Z)',
  (value) => isCalendarDate(value) || isInstant(value),
);

/** The moment an instant names, or an invalid Date for a string that is not one (so a caller can name the field). */
export function parseInstant(value: string): Date {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match || !isCalendarDate(match[1])) return new Date(Number.NaN);
  // The pattern has checked every field, so the arithmetic is all there is (a Luxon DateTime per call cost 2% of a
  // booking, issue 24). Fractions of a millisecond are dropped, as Luxon drops them.
  const [, date, hours, minutes, seconds, fraction, sign, offsetHours, offsetMinutes] = match;
  const [year, month, day] = date.split('-').map(Number);
  const millis = fraction ? Math.floor(parseFloat(`0.${fraction}`) * 1000) : 0;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(Number(hours), Number(minutes), Number(seconds ?? 0), millis);
  return new Date(utc.getTime() - offset * 60_000);
}

/**
 * A request field holding an instant: the check and its OpenAPI description in one place (as Immich's
 * `ValidateDate`). `optional`: the field may be left out.
 */
export function ValidateInstant(
  options: { optional?: boolean; example?: string; description?: string } = {},
): PropertyDecorator {
  const { optional, ...api } = options;
  const doc = { type: String, format: 'date-time', example: '2026-12-03T10:00:00Z', ...api };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc)]),
    IsString(),
    IsInstant(),
  );
}
