import { meetingTypeRules } from '../meeting-types/meeting-types';
import { BookingPerson, fieldOfApiError, readBookingForm, rolesFor } from './booking-form';
import { applyEdit } from './booking-form-edits';

const icpc = meetingTypeRules().ICPC;
const CHAIR = '6f1c1f3e-2a43-4e0b-9b55-2f0d8f7b1a11';
const POLICE = '0b7d6a52-3f7e-4f55-8d3a-5d3c2b1a0f22';
const FATHER = '1c7d6a52-3f7e-4f55-8d3a-5d3c2b1a0f33';
const filled = {
  case: 'CR-1',
  chairId: CHAIR,
  format: 'VIRTUAL',
  parts: '1',
  people: '2',
  's0-date-day': '1',
  's0-date-month': '7',
  's0-date-year': '2027',
  's0-start': '10:00',
  's0-videoUrl': 'https://video.example/x',
};
const needsNone = { interpreterLanguage: null, phoneOnly: false, assistedVideo: false, notes: null };

describe('the booking form', () => {
  it('reads a London date and time, in summer time, and takes the type’s default length when no end is given', () => {
    const { booking, errors } = readBookingForm(
      { ...filled, 'p0-person': POLICE, 'p0-role': 'POLICE', 'p0-report': 'yes' },
      icpc,
    );
    expect(errors).toEqual({});
    const [part] = booking!.parts;
    expect(part.startsAt.toISOString()).toBe('2027-07-01T09:00:00.000Z');
    expect(part.endsAt.getTime() - part.startsAt.getTime()).toBe(icpc.defaultDurationMinutes * 60_000);
    expect(booking!.participants).toEqual([
      { personId: POLICE, role: 'POLICE', reportRequired: true, parts: [0], accessNeeds: needsNone, row: 0 },
    ]);
  });

  it('reads a meeting in two parts, who attends which, and their access needs', () => {
    const { booking, errors } = readBookingForm(
      {
        ...filled,
        parts: '2',
        's1-label': 'Professionals and father',
        's1-date-day': '1',
        's1-date-month': '7',
        's1-date-year': '2027',
        's1-start': '13:00',
        's1-end': '14:00',
        's1-dialInNumber': '+44 20 7946 0000',
        'p0-person': POLICE,
        'p0-role': 'POLICE',
        'p0-part-0': 'yes',
        'p0-part-1': 'yes',
        'p1-person': FATHER,
        'p1-role': 'PARENT',
        'p1-part-1': 'yes',
        'p1-interpreter': 'Polish',
        'p1-phoneOnly': 'yes',
      },
      icpc,
    );
    expect(errors).toEqual({});
    expect(booking!.parts.map((p) => [p.label, p.startsAt.toISOString(), p.join.dialInNumber])).toEqual([
      [null, '2027-07-01T09:00:00.000Z', null],
      ['Professionals and father', '2027-07-01T12:00:00.000Z', '+44 20 7946 0000'],
    ]);
    expect(booking!.participants.map((p) => p.parts)).toEqual([[0, 1], [1]]);
    expect(booking!.participants[1].accessNeeds).toEqual({
      ...needsNone,
      interpreterLanguage: 'Polish',
      phoneOnly: true,
    });
  });

  it('names every missing or wrong field, for the error summary', () => {
    const { booking, errors } = readBookingForm(
      {
        format: 'HYBRID',
        parts: '2',
        's0-date-day': '30',
        's0-date-month': '2',
        's0-date-year': '2027',
        's0-start': '9am',
        'p1-person': POLICE,
        'p1-role': 'POLICE',
      },
      icpc,
    );
    expect(booking).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(
      [
        'case',
        'chairId',
        's0-date-day',
        's0-start',
        's0-venue',
        's0-videoUrl',
        's1-date-day',
        's1-start',
        's1-venue',
        's1-videoUrl',
        'p1-part-0',
      ].sort(),
    );
  });

  it('refuses a time the clocks skip, an end before the start, and a family role where family do not attend', () => {
    expect(
      readBookingForm({ ...filled, 's0-date-day': '28', 's0-date-month': '3', 's0-start': '01:30' }, icpc).errors[
        's0-start'
      ],
    ).toMatch(/clocks go forward/);
    expect(readBookingForm({ ...filled, 's0-end': '09:00' }, icpc).errors['s0-end']).toMatch(/after the start/);
    const strategy = meetingTypeRules().STRATEGY;
    expect(rolesFor(strategy).map(([code]) => code)).not.toContain('PARENT');
    expect(rolesFor(icpc)).toContainEqual(['PARENT', 'Parent']);
    expect(
      readBookingForm({ ...filled, type: 'STRATEGY', 'p0-person': FATHER, 'p0-role': 'PARENT' }, strategy).errors[
        'p0-role'
      ],
    ).toBe('Choose what person 1 attends as');
  });

  it('asks for a new case only what the API needs, and checks its reference as the API does', () => {
    const { booking } = readBookingForm({ ...filled, newCase: 'yes', caseInitials: 'B.T.' }, icpc);
    expect(booking!.newCase).toEqual({ kind: 'CHILD', subjectInitials: 'B.T.' });
    expect(readBookingForm({ ...filled, case: 'no spaces', newCase: 'yes' }, icpc).errors.case).toMatch(/letters/);
  });

  it('puts an error of the booking API beside the field it is about', () => {
    const participants: BookingPerson[] = [
      { personId: POLICE, role: 'POLICE', reportRequired: false, parts: [0], accessNeeds: needsNone, row: 2 },
    ];
    expect(fieldOfApiError('participants[0].personId', participants)).toBe('p2-person');
    expect(fieldOfApiError('participants[0].sessions', participants)).toBe('p2-part-0');
    expect(fieldOfApiError('participants[0].accessNeeds.notes', participants)).toBe('p2-needs');
    expect(fieldOfApiError('sessions[1].join.venue', participants)).toBe('s1-venue');
    expect(fieldOfApiError('sessions[1].join.dialInNumber', participants)).toBe('s1-dialInNumber');
    expect(fieldOfApiError('sessions[0].join', participants)).toBe('s0-videoUrl');
    expect(fieldOfApiError('sessions[0].endsAt', participants)).toBe('s0-end');
    expect(fieldOfApiError('chairId', participants)).toBe('chairId');
  });
});

describe('adding and removing parts and people', () => {
  const two = { ...filled, 'p0-person': POLICE, 'p0-role': 'POLICE', 'p1-person': FATHER, 'p1-role': 'PARENT' };

  it('adds a part on the same day, keeping everyone in the part they were in', () => {
    const added = applyEdit(two, 'add-part')!;
    expect(added.parts).toBe('2');
    expect([added['s1-date-day'], added['s1-date-month'], added['s1-date-year'], added['s1-start']]).toEqual([
      '1',
      '7',
      '2027',
      '',
    ]);
    expect([added['p0-part-0'], added['p0-part-1'], added['p1-part-0']]).toEqual(['yes', '', 'yes']);
    expect(added['s0-videoUrl']).toBe('https://video.example/x');
  });

  it('removes a part, moving the later parts and the boxes for them up', () => {
    const three = applyEdit(applyEdit(two, 'add-part')!, 'add-part')!;
    const filledIn = { ...three, 's2-start': '15:00', 'p1-part-0': '', 'p1-part-2': 'yes' };
    const removed = applyEdit(filledIn, 'remove-part-1')!;
    expect(removed.parts).toBe('2');
    expect(removed['s1-start']).toBe('15:00');
    expect(removed['s2-start']).toBeUndefined();
    expect([removed['p1-part-0'], removed['p1-part-1']]).toEqual(['', 'yes']);
  });

  it('adds an empty person row, and removes one, moving the later rows up', () => {
    const added = applyEdit(two, 'add-person')!;
    expect(added.people).toBe('3');
    expect(added['p2-person']).toBe('');
    const removed = applyEdit(added, 'remove-person-0')!;
    expect(removed.people).toBe('2');
    expect(removed['p0-person']).toBe(FATHER);
    expect(applyEdit(two, 'check')).toBeNull();
  });
});
