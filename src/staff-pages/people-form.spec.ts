import { fieldOfPersonError, readNewPerson, readPersonChange } from './people-form';

const AGENCY = '6f1c2b9e-4b1a-4c59-9f53-0d2b7f3f9a10';

describe('the person forms', () => {
  it('reads a new person into the API body, empty optional fields as null', () => {
    expect(
      readNewPerson({ name: ' Priya Nurse ', kind: 'PROFESSIONAL', email: '', agencyId: AGENCY }, new Set([AGENCY])),
    ).toEqual({
      input: { name: 'Priya Nurse', kind: 'PROFESSIONAL', email: null, phone: null, agencyId: AGENCY },
      errors: {},
    });
  });

  it('names every field that cannot be read', () => {
    const { input, errors } = readNewPerson(
      { name: '', email: 'nope', phone: 'call me', agencyId: AGENCY, kind: 'CHILD' },
      new Set(),
    );
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['agencyId', 'email', 'kind', 'name', 'phone']);
    expect(readNewPerson({ name: 'x'.repeat(201), kind: 'FAMILY' }, new Set()).errors.name).toMatch(/200/);
  });

  it('clears an emptied email, phone or agency on a change, and keeps the kind out of it', () => {
    expect(
      readPersonChange({ name: 'Barry', email: '', phone: '', agencyId: '', kind: 'FAMILY' }, new Set()).input,
    ).toEqual({ name: 'Barry', email: null, phone: null, agencyId: null });
  });

  it('puts an API error beside its field, or beside the name', () => {
    expect(fieldOfPersonError('agencyId')).toBe('agencyId');
    expect(fieldOfPersonError('body')).toBe('name');
    expect(fieldOfPersonError(undefined)).toBe('name');
  });
});
