import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isInstant, parseInstant, ValidateInstant } from './dates';

class Body {
  @ValidateInstant()
  startsAt: string;

  @ValidateInstant({ optional: true })
  endsAt?: string;
}

const problems = (body: object) =>
  validateSync(plainToInstance(Body, body)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('an instant', () => {
  it('has an offset or Z and names a real time', () => {
    expect(isInstant('2026-12-03T10:00:00Z')).toBe(true);
    expect(isInstant('2026-06-03T10:00:00.123+01:00')).toBe(true);
    expect(isInstant('2026-12-03T10:00:00')).toBe(false);
    expect(isInstant('2026-02-30T10:00:00Z')).toBe(false);
    expect(isInstant('2026-12-03T24:30:00Z')).toBe(false);
  });

  it('parses to the moment it names, or to an invalid Date', () => {
    expect(parseInstant('2026-06-03T10:00:00+01:00').toISOString()).toBe('2026-06-03T09:00:00.000Z');
    expect(Number.isNaN(parseInstant('2026-02-30T10:00:00Z').getTime())).toBe(true);
  });

  it('is checked by ValidateInstant, which a field may make optional', () => {
    expect(problems({ startsAt: '2026-12-03T10:00:00Z' })).toEqual([]);
    expect(problems({ startsAt: '2026-02-30T10:00:00Z', endsAt: 7 })).toEqual([
      'startsAt must be a real ISO 8601 instant with an offset or Z, e.g. 2026-12-03T10:00:00Z',
      'endsAt must be a string',
      'endsAt must be a real ISO 8601 instant with an offset or Z, e.g. 2026-12-03T10:00:00Z',
    ]);
  });
});
