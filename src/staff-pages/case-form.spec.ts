import { dateBoxes, fieldOfCaseError, readCaseChange, readNewCase } from './case-form';

describe('the case forms', () => {
  it('reads a new case with its dates from the GOV.UK date inputs', () => {
    expect(
      readNewCase({
        reference: 'CR-2026-0142',
        kind: 'CHILD',
        subjectInitials: 'A.T.',
        'dateOfBirth-day': '2',
        'dateOfBirth-month': '4',
        'dateOfBirth-year': '2019',
      }),
    ).toEqual({
      input: {
        reference: 'CR-2026-0142',
        kind: 'CHILD',
        subjectInitials: 'A.T.',
        dateOfBirth: '2019-04-02',
        enteredCareOn: null,
        cpPlanStartedOn: null,
      },
      errors: {},
    });
  });

  it('names a bad reference, a missing kind and a date that does not exist, by the day box', () => {
    const { input, errors } = readNewCase({
      reference: 'CR 1',
      'enteredCareOn-day': '30',
      'enteredCareOn-month': '2',
      'enteredCareOn-year': '2026',
      'cpPlanStartedOn-day': '1',
    });
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['cpPlanStartedOn-day', 'enteredCareOn-day', 'kind', 'reference']);
    expect(readNewCase({ kind: 'CHILD' }).errors.reference).toBe('Enter the case reference');
  });

  it('sends every date on a change, an emptied one as null', () => {
    const { input } = readCaseChange({
      subjectInitials: '',
      'cpPlanEndedOn-day': '1',
      'cpPlanEndedOn-month': '3',
      'cpPlanEndedOn-year': '2027',
    });
    expect(input).toEqual({
      subjectInitials: null,
      dateOfBirth: null,
      enteredCareOn: null,
      ceasedLookedAfterOn: null,
      cpPlanStartedOn: null,
      cpPlanEndedOn: '2027-03-01',
      ploLetterOn: null,
    });
  });

  it('shows a stored date in its three boxes, and puts an API error beside its field', () => {
    expect(dateBoxes('dateOfBirth', '2019-04-02')).toEqual({
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '2019',
    });
    expect(dateBoxes('dateOfBirth', null)['dateOfBirth-day']).toBe('');
    expect(fieldOfCaseError('cpPlanEndedOn')).toBe('cpPlanEndedOn-day');
    expect(fieldOfCaseError('reference')).toBe('reference');
    expect(fieldOfCaseError('body')).toBe('reference');
  });
});
