import { meetingTypeRules } from '../meeting-types/meeting-types';
import { fieldOfApiError, readBookingForm } from './booking-form';

const icpc = meetingTypeRules().ICPC;
const CHAIR = '6f1c1f3e-2a43-4e0b-9b55-2f0d8f7b1a11';
const POLICE = '0b7d6a52-3f7e-4f55-8d3a-5d3c2b1a0f22';
const filled = {
  case: 'CR-1',
  chairId: CHAIR,
  format: 'VIRTUAL',
  'date-day': '1',
  'date-month': '7',
  'date-year': '2027',
  start: '10:00',
  videoUrl: 'https://video.example/x',
};

describe('the booking form', () => {
  it('reads a London date and time, in summer time, and takes the type’s default length when no end is given', () => {
    const { booking, errors } = readBookingForm(
      { ...filled, 'p0-person': POLICE, 'p0-role': 'POLICE', 'p0-report': 'yes' },
      icpc,
    );
    expect(errors).toEqual({});
    expect(booking!.startsAt.toISOString()).toBe('2027-07-01T09:00:00.000Z');
    expect(booking!.endsAt.getTime() - booking!.startsAt.getTime()).toBe(icpc.defaultDurationMinutes * 60_000);
    expect(booking!.participants).toEqual([{ personId: POLICE, role: 'POLICE', reportRequired: true, row: 0 }]);
  });

  it('names every missing or wrong field, for the error summary', () => {
    const { booking, errors } = readBookingForm(
      { format: 'HYBRID', 'date-day': '30', 'date-month': '2', 'date-year': '2027', start: '9am', 'p1-role': 'POLICE' },
      icpc,
    );
    expect(booking).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(
      ['case', 'chairId', 'date-day', 'p1-person', 'start', 'venue', 'videoUrl'].sort(),
    );
  });

  it('refuses a time the clocks skip, and an end before the start', () => {
    expect(
      readBookingForm({ ...filled, 'date-day': '28', 'date-month': '3', start: '01:30' }, icpc).errors.start,
    ).toMatch(/clocks go forward/);
    expect(readBookingForm({ ...filled, end: '09:00' }, icpc).errors.end).toMatch(/after the start/);
  });

  it('puts an error of the booking API beside the field it is about', () => {
    const participants = [{ personId: POLICE, role: 'POLICE', reportRequired: false, row: 2 }];
    expect(fieldOfApiError('participants[0].personId', participants)).toBe('p2-person');
    expect(fieldOfApiError('sessions[0].join.venue', participants)).toBe('venue');
    expect(fieldOfApiError('chairId', participants)).toBe('chairId');
  });
});
