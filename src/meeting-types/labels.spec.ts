import { codeAsWords, meetingTypeLabel, participantRoleLabel } from './labels';
import { meetingTypeRules } from './meeting-types';

describe('labels: every code as words', () => {
  it('names a known participant role, and reads an unknown one as its own words', () => {
    expect(participantRoleLabel('POLICE')).toBe('Police');
    expect(participantRoleLabel('IDVA')).toBe('Independent domestic violence adviser');
    expect(participantRoleLabel('FOSTER_CARER')).toBe('Foster carer');
    expect(codeAsWords('LAC_REVIEW')).toBe('Lac review');
  });

  it('names a meeting type from the meeting-type table', () => {
    expect(meetingTypeLabel(meetingTypeRules(), 'ICPC')).toBe('Initial child protection conference');
  });
});
