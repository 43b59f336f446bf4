import type { Case } from '../cases/case.entity';
import type { Person } from '../directory/person.entity';
import { meetingTypeRules } from '../meeting-types/meeting-types';
import { parseInstant } from '../http/dates';
import { caseProblems, casesOutside, heldOnOf, joinProblems, peopleProblems, slotProblems } from './booking-checks';

const rules = meetingTypeRules();
const person = (id: string, fields: Partial<Person>) => ({ id, ...fields }) as Person;

describe('booking checks', () => {
  it('dates a meeting in parts by its last part, as a London date', () => {
    const parts = [
      { startsAt: parseInstant('2026-07-01T09:00:00Z'), endsAt: parseInstant('2026-07-01T09:30:00Z') },
      // 23:30Z on 2 July is 00:30 on 3 July in London (BST).
      { startsAt: parseInstant('2026-07-02T23:30:00Z'), endsAt: parseInstant('2026-07-03T00:30:00Z') },
    ];
    expect(heldOnOf(parts)).toBe('2026-07-03');
  });

  it('names the end of a slot that ends first, lasts over 12 hours, or names no real time', () => {
    const at = (s: string) => parseInstant(s);
    expect(slotProblems({ startsAt: at('2026-12-03T10:00:00Z'), endsAt: at('2026-12-03T09:00:00Z') }, 's')).toEqual([
      { field: 's.endsAt', message: 'must be after startsAt' },
    ]);
    expect(slotProblems({ startsAt: at('2026-12-03T08:00:00Z'), endsAt: at('2026-12-03T20:01:00Z') }, 's')).toEqual([
      { field: 's.endsAt', message: 'a session lasts at most 12 hours' },
    ]);
    expect(
      slotProblems({ startsAt: at('2026-02-30T10:00:00Z'), endsAt: at('2026-03-01T10:00:00Z') }, 's')[0].field,
    ).toBe('s.startsAt');
    expect(slotProblems({ startsAt: at('2026-12-03T10:00:00Z'), endsAt: at('2026-12-03T11:30:00Z') }, 's')).toEqual([]);
  });

  it('asks a hybrid session for both a way to join remotely and a venue', () => {
    expect(joinProblems('HYBRID', {}, 'sessions[0]').map((e) => e.field)).toEqual([
      'sessions[0].join',
      'sessions[0].join.venue',
    ]);
    expect(joinProblems('VIRTUAL', { dialInNumber: '+44 20 7946 0000' }, 'sessions[0]')).toEqual([]);
  });

  it('refuses a chair of the wrong role and a family member where the type has none', () => {
    const people = new Map([
      ['police', person('police', { kind: 'PROFESSIONAL', staffRole: 'SOCIAL_WORKER' })],
      ['mother', person('mother', { kind: 'FAMILY', staffRole: null })],
    ]);
    const errors = peopleProblems(rules.MARAC, 'police', [{ personId: 'mother' }, { personId: 'nobody' }], people);
    expect(errors.map((e) => e.field)).toEqual(['chairId', 'participants[0].personId', 'participants[1].personId']);
    expect(errors[2].message).toBe('no person has this id');
  });

  it('keeps the cases in the order given and names an unknown one by its index', () => {
    const child = { id: 'c1', kind: 'CHILD', reference: 'CR-1' } as Case;
    const { cases, errors } = caseProblems(['missing', 'c1'], [child], rules.ICPC);
    expect(cases).toEqual([child]);
    expect(errors).toEqual([{ field: 'caseIds[0]', message: 'no case has this id' }]);
  });

  it("refuses a participant's children that are not cases of the meeting", () => {
    expect(casesOutside(['c1'], [{ caseIds: ['c1'] }, { caseIds: ['c2'] }], (i) => `p[${i}]`)).toEqual([
      { field: 'p[1]', message: 'must be cases of this meeting' },
    ]);
  });
});
