import { dateInput, listFilters, pageHref } from './list-filters';

describe('the meetings list filters', () => {
  it('reads a GOV.UK date input as a calendar date, and refuses a date that does not exist', () => {
    expect(dateInput('3', '12', '2026')).toBe('2026-12-03');
    expect(dateInput('', '', '')).toBe('');
    expect(dateInput('31', '2', '2027')).toBeNull();
    expect(dateInput('1', '1', '27')).toBeNull();
  });

  it('names each filter it cannot read, by its field', () => {
    const { errors } = listFilters({ type: 'NOPE', 'from-day': '40', 'from-month': '1', 'from-year': '2027' });
    expect(Object.keys(errors)).toEqual(['type', 'from-day']);
    expect(
      listFilters({
        'from-day': '2',
        'from-month': '1',
        'from-year': '2027',
        'to-day': '1',
        'to-month': '1',
        'to-year': '2027',
      }).errors['to-day'],
    ).toMatch(/after/);
  });

  it('keeps the filters on every page link, and starts at page 1 for nonsense', () => {
    const query = { type: 'ICPC', case: 'CASE-1', page: 'x' };
    expect(listFilters(query).filters).toEqual({ type: 'ICPC', caseReference: 'CASE-1', page: 1 });
    expect(pageHref(query, 3)).toBe('/meetings?type=ICPC&case=CASE-1&page=3');
  });
});
