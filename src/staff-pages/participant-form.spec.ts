import { fieldOfParticipantError, readParticipantForm } from './participant-form';

const A = '11111111-1111-4111-8111-111111111111';
const candidates = new Set([A]);

describe('the "add someone" form', () => {
  it('reads the person, role, parts and report', () => {
    expect(readParticipantForm({ personId: A, role: 'POLICE', report: 'yes' }, 1, candidates).input).toEqual({
      personId: A,
      role: 'POLICE',
      sessions: [0],
      reportRequired: true,
    });
    expect(readParticipantForm({ personId: A, role: 'PARENT', 'session-1': 'yes' }, 2, candidates).input).toEqual({
      personId: A,
      role: 'PARENT',
      sessions: [1],
      reportRequired: false,
    });
  });

  it('names each field it cannot read', () => {
    expect(readParticipantForm({ role: 'CHAIR' }, 2, candidates).errors).toEqual({
      personId: 'Search for the person and choose them',
      role: 'Choose what they attend as',
      'session-0': 'Choose at least one part they are invited to',
    });
    // Someone not offered (not visible to the person, or already invited) is refused as if not chosen.
    expect(
      readParticipantForm({ personId: '22222222-2222-4222-8222-222222222222', role: 'POLICE' }, 1, candidates).errors,
    ).toEqual({ personId: 'Choose a person from the search results' });
  });

  it('puts a service error beside its field', () => {
    expect(fieldOfParticipantError('sessions')).toBe('session-0');
    expect(fieldOfParticipantError('personId')).toBe('personId');
  });
});
