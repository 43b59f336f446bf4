import { Matches, ValidationOptions } from 'class-validator';

/**
 * A value that is printed on one line (a name, an address, a label, a title): no control characters and no line
 * breaks of any kind. A CR/LF in a quoted email local part, or a line break in a session label, once forged lines in
 * the plain-text email and could reach mail headers (issue 17).
 */

export const SINGLE_LINE = /^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/;

export function IsSingleLine(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(SINGLE_LINE, { message: '$property must be one line, without control characters', ...options });
}
