import { meetingTypeRules } from '../meeting-types/meeting-types';
import { meetingPage, MeetingRow, yourWeeks } from './page-models';

const row = (londonDay: string, typeLabel = 'Initial child protection conference'): MeetingRow => ({
  href: '/meetings/x',
  typeLabel,
  when: '',
  time: '10:00 to 11:00',
  caseReferences: 'CR-1',
  statusLabel: 'Booked',
  cancelled: false,
  formatLabel: 'Video',
  chairName: 'Morgan',
  londonDay,
});

describe('your weeks', () => {
  it('puts meetings under today, later this week and next week, by London day', () => {
    // Monday 23 November 2026, 23:30 in London is still Monday there (GMT).
    const sections = yourWeeks(
      [row('2026-11-23'), row('2026-11-29'), row('2026-11-30'), row('2026-12-06'), row('2026-12-07')],
      new Date('2026-11-23T23:30:00Z'),
    );
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

describe('a meeting page', () => {
  const at = (iso: string) => new Date(iso);
  const join = { videoUrl: null, dialInNumber: null, accessCode: null, venue: 'Civic Centre' };
  const participant = (id: string, personId: string, fields: Record<string, unknown> = {}) => ({
    id,
    personId,
    role: 'POLICE',
    isChair: false,
    sessionIds: ['s1'],
    reportRequired: false,
    caseIds: null,
    rsvp: 'NEEDS_ACTION' as const,
    rsvpAt: null,
    accessNeeds: { interpreterLanguage: null, phoneOnly: false, assistedVideo: false, notes: null },
    deliveries: [
      {
        sessionId: 's1',
        kind: 'INVITE',
        status: 'SENT' as const,
        attempts: 1,
        sentAt: at('2026-11-23T09:00:00Z'),
        lastError: null,
      },
    ],
    texts: [],
    createdAt: at('2026-11-23T09:00:00Z'),
    updatedAt: at('2026-11-23T09:00:00Z'),
    ...fields,
  });
  const view = {
    id: 'm1',
    type: 'LAC_REVIEW' as const,
    status: 'SCHEDULED' as const,
    format: 'IN_PERSON' as const,
    chairId: 'chair',
    relatedMeetingId: null,
    sequence: 0,
    version: 3,
    caseIds: ['c1'],
    cases: [{ id: 'c1', reference: 'CR-9' }],
    startsAt: at('2027-07-01T09:00:00Z'),
    endsAt: at('2027-07-01T10:00:00Z'),
    heldOn: '2027-07-01',
    preReadDeadline: at('2027-06-28T16:00:00Z'),
    dueBy: '2027-07-10',
    dueBasis: null,
    withinTimescale: true,
    cancelledAt: null,
    cancelReason: null,
    sessions: [
      {
        id: 's1',
        index: 0,
        label: null,
        startsAt: at('2027-07-01T09:00:00Z'),
        endsAt: at('2027-07-01T10:00:00Z'),
        join,
        sequence: 0,
        createdAt: at('2026-11-23T09:00:00Z'),
        updatedAt: at('2026-11-23T09:00:00Z'),
      },
    ],
    participants: [
      participant('p1', 'police', { reportRequired: true, rsvp: 'ACCEPTED' }),
      participant('p2', 'carer', {
        role: 'FOSTER_CARER',
        accessNeeds: { interpreterLanguage: 'Polish', phoneOnly: true, assistedVideo: false, notes: null },
        deliveries: [
          {
            sessionId: 's1',
            kind: 'INVITE',
            status: 'FAILED',
            attempts: 5,
            sentAt: null,
            lastError: '550 no such user',
          },
        ],
      }),
    ],
    createdAt: at('2026-11-23T09:00:00Z'),
    updatedAt: at('2026-11-23T09:00:00Z'),
  };
  const names = new Map([
    ['chair', { id: 'chair', name: 'Ira Reviewer', kind: 'PROFESSIONAL' as const, agency: null }],
    ['police', { id: 'police', name: 'DC Patel', kind: 'PROFESSIONAL' as const, agency: 'Northshire Police' }],
    ['carer', { id: 'carer', name: 'Fran Carer', kind: 'FAMILY' as const, agency: null }],
  ]);

  it('shows every code as words and every time in London, summer time included', () => {
    const page = meetingPage(
      view,
      meetingTypeRules(),
      names,
      [
        {
          id: 'd1',
          title: 'Police report',
          audience: 'PROFESSIONALS',
          late: true,
          submittedAt: at('2027-06-29T08:00:00Z'),
          participantId: 'p1',
        },
      ],
      at('2027-06-01T09:00:00Z'),
    );
    expect(page.typeLabel).toBe('Looked-after child review');
    expect(page.formatLabel).toBe('In person');
    expect(page.when).toBe('Thursday 1 July 2027, 10:00 to 11:00 (UK time)');
    expect(page.participants.map((p) => [p.name, p.roleLabel, p.rsvpLabel, p.reportLabel])).toEqual([
      ['DC Patel', 'Police', 'Attending', 'Report received'],
      ['Fran Carer', 'Foster carer', 'Not replied', null],
    ]);
    expect(page.participants[1].invites).toEqual([
      { sessionLabel: 'The meeting', statusLabel: 'Failed', failed: true, reason: '550 no such user' },
    ]);
    expect(page.documents).toEqual([
      {
        title: 'Police report',
        from: 'DC Patel',
        audienceLabel: 'Professionals only',
        late: true,
        submitted: 'Tuesday 29 June 2027, 09:00 (UK time)',
      },
    ]);
    expect(page.accessNeeds).toEqual([{ name: 'Fran Carer', needs: 'Interpreter: Polish; Joins by phone only' }]);
  });

  it('ticks the checklist only for what is done', () => {
    const page = meetingPage(view, meetingTypeRules(), names, [], at('2027-06-01T09:00:00Z'));
    expect(page.checklist.map((c) => [c.text, c.done])).toEqual([
      ['Every invitation sent', false],
      ['Everyone has replied', false],
      ['Reports in (0 of 1)', false],
      ['Joining details for every part', true],
      ['Pre-reads due by Monday 28 June 2027, 17:00 (UK time)', false],
    ]);
  });
});
