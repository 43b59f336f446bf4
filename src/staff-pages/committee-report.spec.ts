import { reportRange } from './committee-report';

describe('reportRange (the meetings report page’s GOV.UK date inputs)', () => {
  const today = '2026-11-23';

  it('defaults to the year to today, and shows that range in the inputs', () => {
    const { range, values, errors } = reportRange({}, today);
    expect(range).toEqual({ from: '2025-11-23', to: '2026-11-23' });
    expect(values).toMatchObject({
      'from-day': '23',
      'from-month': '11',
      'from-year': '2025',
      'to-day': '23',
      'to-month': '11',
      'to-year': '2026',
    });
    expect(errors).toEqual({});
  });

  it('reads a chosen range', () => {
    expect(
      reportRange(
        { 'from-day': '1', 'from-month': '4', 'from-year': '2026', 'to-day': '31', 'to-month': '3', 'to-year': '2027' },
        today,
      ).range,
    ).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('names each field it cannot read, keeping what was typed', () => {
    const { range, values, errors } = reportRange({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' }, today);
    expect(range).toBeNull();
    expect(values['from-day']).toBe('31');
    expect(errors).toEqual({ 'from-day': 'The "from" date must be a real date, like 1 4 2026' });
  });

  it('refuses a "to" date before the "from" date', () => {
    const { errors } = reportRange(
      { 'from-day': '2', 'from-month': '1', 'from-year': '2026', 'to-day': '1', 'to-month': '1', 'to-year': '2026' },
      today,
    );
    expect(errors).toEqual({ 'to-day': 'The "to" date must be the same as or after the "from" date' });
  });
});
