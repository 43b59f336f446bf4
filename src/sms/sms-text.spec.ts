import { remindersFor } from './sms-reminders';
import { clip, isGsm, smsFragments, toGsm } from './sms-text';

describe('text message length', () => {
  it('counts GSM parts as networks do: 160 in one, 153 a part after, extension characters twice', () => {
    expect(smsFragments('a'.repeat(160))).toBe(1);
    expect(smsFragments('a'.repeat(161))).toBe(2);
    expect(smsFragments('a'.repeat(459))).toBe(3);
    expect(smsFragments('a'.repeat(460))).toBe(4);
    expect(smsFragments('[' + 'a'.repeat(158))).toBe(1);
    expect(smsFragments('[' + 'a'.repeat(159))).toBe(2);
  });

  it('counts a text with one character outside GSM as UCS-2 (70, then 67 a part)', () => {
    expect(isGsm('Children’s')).toBe(false);
    expect(smsFragments('’' + 'a'.repeat(69))).toBe(1);
    expect(smsFragments('’' + 'a'.repeat(70))).toBe(2);
  });

  it('writes typographic punctuation as GSM and clips free text', () => {
    expect(toGsm('Children’s “centre” – room 2…')).toBe('Children\'s "centre" - room 2...');
    expect(isGsm(toGsm('Café ✓ Zoë'))).toBe(true);
    expect(clip('a  b', 10)).toBe('a b');
    expect(clip('x'.repeat(20), 10)).toBe('xxxxxxx...');
  });
});

describe('reminders', () => {
  const starts = new Date('2027-06-10T09:00:00Z');
  it('arms the day-before and hour-before reminders still ahead', () => {
    expect(remindersFor(starts, new Date('2027-06-01T00:00:00Z')).map((r) => r.notBefore.toISOString())).toEqual([
      '2027-06-09T09:00:00.000Z',
      '2027-06-10T08:00:00.000Z',
    ]);
    expect(remindersFor(starts, new Date('2027-06-09T12:00:00Z')).map((r) => r.hoursBefore)).toEqual([1]);
    expect(remindersFor(starts, new Date('2027-06-10T08:30:00Z'))).toEqual([]);
  });
});
