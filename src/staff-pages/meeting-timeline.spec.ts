import { meetingTimeline } from './meeting-timeline';
import type { PersonName } from './staff-pages.repository';

const names = new Map<string, PersonName>([
  ['p1', { id: 'p1', name: 'DC Sam Patel', kind: 'PROFESSIONAL', agency: 'Police' }],
  ['f1', { id: 'f1', name: 'Amelia Testparent', kind: 'FAMILY', agency: null }],
]);
const at = new Date('2026-11-23T09:00:00Z');

describe('the meeting timeline', () => {
  it('tells each change in words, with who did it and when in UK time', () => {
    expect(
      meetingTimeline(
        [
          { at, actor: 's1', actorName: 'Morgan Chair', action: 'meeting.booked', personId: null },
          { at, actor: 's1', actorName: 'Morgan Chair', action: 'participant.added', personId: 'p1' },
          { at, actor: 'participant:x', actorName: null, action: 'participant.responded', personId: 'f1' },
        ],
        names,
      ),
    ).toEqual([
      { when: 'Monday 23 November 2026, 09:00 (UK time)', text: 'Meeting booked', by: 'Morgan Chair' },
      { when: 'Monday 23 November 2026, 09:00 (UK time)', text: 'DC Sam Patel added', by: 'Morgan Chair' },
      {
        when: 'Monday 23 November 2026, 09:00 (UK time)',
        text: 'A family member replied',
        by: 'through their personal link',
      },
    ]);
  });

  it('leaves out reads and refusals', () => {
    expect(
      meetingTimeline(
        [
          { at, actor: 's1', actorName: 'X', action: 'minutes.read', personId: null },
          { at, actor: 's1', actorName: 'X', action: 'access.refused', personId: null },
        ],
        names,
      ),
    ).toEqual([]);
  });
});
