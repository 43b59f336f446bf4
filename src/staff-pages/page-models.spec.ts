import { MeetingRow, yourWeeks } from './page-models';

const row = (londonDay: string, typeLabel = 'Initial child protection conference'): MeetingRow => ({
  href: '/meetings/x', typeLabel, when: '', time: '10:00 to 11:00', caseReferences: 'CR-1', statusLabel: 'Booked', cancelled: false, formatLabel: 'Video', chairName: 'Morgan', londonDay,
});

describe('your weeks', () => {
  it('puts meetings under today, later this week and next week, by London day', () => {
    // Monday 23 November 2026, 23:30 in London is still Monday there (GMT).
    const sections = yourWeeks([row('2026-11-23'), row('2026-11-29'), row('2026-11-30'), row('2026-12-06'), row('2026-12-07')], new Date('2026-11-23T23:30:00Z'));
    expect(sections.map((s) => [s.heading, s.days.map((d) => d.heading)])).toEqual([
      ['Today', ['Monday 23 November 2026']],
      ['Later this week', ['Sunday 29 November 2026']],
      ['Next week', ['Monday 30 November 2026', 'Sunday 6 December 2026']],
    ]);
  });

  it('takes the day in London, not in UTC, in summer time', () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London.
    const [today] = yourWeeks([row('2027-07-02')], new Date('2027-07-01T23:30:00Z'));
    expect(today.days.map((d) => d.heading)).toEqual(['Friday 2 July 2027']);
  });
});
