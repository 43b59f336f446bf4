import { fieldOfSessionError, readSessionForm, sessionFormValues } from './session-form';

const form = {
  'date-day': '3',
  'date-month': '12',
  'date-year': '2026',
  start: '10:00',
  end: '11:30',
  videoUrl: 'https://video.example/x',
  dialInNumber: '',
  accessCode: '',
  venue: '',
};

describe('the "change this part" form', () => {
  it('reads London wall-clock times into instants (GMT in December, BST in June)', () => {
    expect(readSessionForm(form, 'VIRTUAL').change).toMatchObject({
      startsAt: new Date('2026-12-03T10:00:00Z'),
      endsAt: new Date('2026-12-03T11:30:00Z'),
    });
    expect(readSessionForm({ ...form, 'date-month': '6' }, 'VIRTUAL').change?.startsAt).toEqual(
      new Date('2026-06-03T09:00:00Z'),
    );
  });

  it('names each field it cannot read', () => {
    const { change, errors } = readSessionForm(
      { ...form, 'date-day': '31', 'date-month': '2', end: '9:0', videoUrl: 'http://x' },
      'HYBRID',
    );
    expect(change).toBeNull();
    expect(errors).toEqual({
      'date-day': 'The date must be a real date, like 27 3 2027',
      end: 'Enter the end time on the 24-hour clock, like 11:00',
      videoUrl: 'Enter the video link as a full https:// address',
      venue: 'Enter where this part is held',
    });
    expect(readSessionForm({ ...form, end: '09:00' }, 'VIRTUAL').errors).toEqual({
      end: 'The end time must be after the start time',
    });
    expect(
      readSessionForm({ ...form, 'date-month': '3', 'date-day': '28', 'date-year': '2027', start: '01:30' }, 'VIRTUAL')
        .errors.start,
    ).toMatch(/clocks go forward/);
  });

  it('is filled in with the session as it is, in London time', () => {
    expect(
      sessionFormValues({
        startsAt: '2026-06-03T09:00:00Z',
        endsAt: '2026-06-03T10:00:00Z',
        join: { venue: 'Room 4' },
      }),
    ).toMatchObject({
      'date-day': '3',
      'date-month': '6',
      'date-year': '2026',
      start: '10:00',
      end: '11:00',
      venue: 'Room 4',
      videoUrl: '',
    });
  });

  it('puts a service error beside its field', () => {
    expect(fieldOfSessionError('join')).toBe('videoUrl');
    expect(fieldOfSessionError('endsAt')).toBe('end');
    expect(fieldOfSessionError('venue')).toBe('venue');
  });
});
