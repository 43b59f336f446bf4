import { MEETING_TYPES } from '../meeting-types/meeting-types';
import { PLAIN_ENGLISH, plainEnglishOf } from '../meeting-types/plain-english';
import { helpAskedFor, mergedNotes, readHelpRequest } from './help-requests';

describe('"I need help to take part" as the form sends it', () => {
  it('takes a language as asking for an interpreter, the box as a phone call, and free text', () => {
    expect(
      readHelpRequest({ interpreterLanguage: ' Polish ', phoneCall: 'yes', accessNeeds: 'A quiet room' }).input,
    ).toEqual({ interpreterLanguage: 'Polish', phoneCall: true, accessNeeds: 'A quiet room' });
    expect(readHelpRequest({ interpreterLanguage: '', accessNeeds: 'Large print' }).input).toEqual({
      interpreterLanguage: null,
      phoneCall: false,
      accessNeeds: 'Large print',
    });
    expect(readHelpRequest({ phoneCall: true }).input).toEqual({
      interpreterLanguage: null,
      phoneCall: true,
      accessNeeds: null,
    });
  });

  it('refuses a request that asks for nothing, naming the first field', () => {
    const { input, errors } = readHelpRequest({ interpreterLanguage: ' ', accessNeeds: '' });
    expect(input).toBeNull();
    expect(Object.keys(errors)).toEqual(['interpreterLanguage']);
  });

  it('refuses unknown fields, values of the wrong kind, a language over two lines and text that is too long', () => {
    expect(Object.keys(readHelpRequest({ phoneCall: 'maybe', colour: 'red' }).errors).sort()).toEqual([
      'colour',
      'phoneCall',
    ]);
    expect(Object.keys(readHelpRequest({ interpreterLanguage: 7 }).errors)).toEqual(['interpreterLanguage']);
    expect(Object.keys(readHelpRequest({ interpreterLanguage: 'Polish\nBcc: x' }).errors)).toEqual([
      'interpreterLanguage',
    ]);
    expect(Object.keys(readHelpRequest({ accessNeeds: 'x'.repeat(1001) }).errors)).toEqual(['accessNeeds']);
    expect(readHelpRequest({ accessNeeds: 'x'.repeat(1000) }).input).not.toBeNull();
  });

  it('says what was asked for in words', () => {
    expect(helpAskedFor({ interpreterLanguage: 'Polish', phoneCall: true, accessNeeds: 'Breaks' })).toEqual([
      'an interpreter (Polish)',
      'to take part by phone instead',
      '“Breaks”',
    ]);
  });

  it('adds what was asked to the access notes, within what a coordinator may save back', () => {
    expect(mergedNotes(null, null)).toBeNull();
    expect(mergedNotes('Prefers afternoons', null)).toBe('Prefers afternoons');
    expect(mergedNotes(null, 'A quiet\nroom')).toBe('Asked on their page: A quiet room');
    expect(mergedNotes('Prefers afternoons', 'Breaks')).toBe('Prefers afternoons; Asked on their page: Breaks');
    expect(mergedNotes('x'.repeat(990), 'y'.repeat(50))).toHaveLength(1000);
  });
});

describe('what each meeting is, in plain English', () => {
  it('has words for every meeting type, none of them a code', () => {
    for (const type of MEETING_TYPES) {
      const words = PLAIN_ENGLISH[type];
      expect(words.whatHappens.length).toBeGreaterThan(0);
      for (const text of [...words.whatHappens, words.supporter, words.interpreter, words.viewsInWriting])
        expect(text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b|\b(ICPC|RCPC|LAC|CIN)\b/);
    }
    expect(plainEnglishOf('NOT_A_TYPE')).toBeNull();
  });
});
