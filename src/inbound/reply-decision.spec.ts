import type { CalendarAnswer, ReplyAttendee } from './calendar-reply';
import { decideReply } from './reply-decision';

const attendee = (fields: Partial<ReplyAttendee> = {}): ReplyAttendee => ({
  address: 'dc.patel@police.example',
  partstat: 'ACCEPTED',
  sentBy: null,
  delegatedTo: null,
  delegatedFrom: null,
  ...fields,
});
const reply = (...attendees: ReplyAttendee[]): CalendarAnswer => ({
  method: 'REPLY',
  uid: 'u',
  sequence: 0,
  attendees,
  proposed: null,
});

describe('decideReply', () => {
  it('takes the participant’s own answer, sent from their own address, as their RSVP', () => {
    expect(decideReply(reply(attendee()), 'dc.patel@police.example', 'DC.Patel@police.example', 0)).toEqual({
      kind: 'RSVP',
      rsvp: 'ACCEPTED',
    });
    expect(
      decideReply(reply(attendee({ partstat: 'DECLINED' })), 'dc.patel@police.example', 'dc.patel@police.example', 0),
    ).toEqual({ kind: 'RSVP', rsvp: 'DECLINED' });
    expect(
      decideReply(reply(attendee({ partstat: 'TENTATIVE' })), 'dc.patel@police.example', 'dc.patel@police.example', 0),
    ).toEqual({ kind: 'RSVP', rsvp: 'TENTATIVE' });
  });

  it('gives the coordinator anything not answered by the recipient for itself', () => {
    const review = (reason: string) => ({ kind: 'REVIEW', reason });
    expect(decideReply(reply(attendee()), 'someone@else.example', 'dc.patel@police.example', 0)).toEqual(
      review('SENDER_MISMATCH'),
    );
    expect(decideReply(reply(attendee()), null, 'dc.patel@police.example', 0)).toEqual(review('SENDER_MISMATCH'));
    expect(decideReply(reply(attendee()), 'dc.patel@police.example', null, 0)).toEqual(review('UNKNOWN_ATTENDEE'));
    expect(
      decideReply(
        reply(attendee(), attendee({ address: 'x@police.example' })),
        'dc.patel@police.example',
        'dc.patel@police.example',
        0,
      ),
    ).toEqual(review('NOT_ONE_ATTENDEE'));
    expect(decideReply(reply(), 'dc.patel@police.example', null, 0)).toEqual(review('NOT_ONE_ATTENDEE'));
    expect(
      decideReply(
        reply(attendee({ partstat: 'DELEGATED', delegatedTo: 'deputy@police.example' })),
        'dc.patel@police.example',
        'dc.patel@police.example',
        0,
      ),
    ).toEqual(review('DELEGATED'));
    expect(
      decideReply(reply(attendee({ sentBy: 'pa@police.example' })), 'pa@police.example', 'dc.patel@police.example', 0),
    ).toEqual(review('DELEGATED'));
    expect(
      decideReply(
        reply(attendee({ partstat: 'NEEDS-ACTION' })),
        'dc.patel@police.example',
        'dc.patel@police.example',
        0,
      ),
    ).toEqual(review('UNKNOWN_ANSWER'));
    expect(decideReply(reply(attendee()), 'dc.patel@police.example', 'dc.patel@police.example', 1)).toEqual(
      review('OUTDATED'),
    );
    expect(
      decideReply({ ...reply(attendee()), method: 'COUNTER' }, 'dc.patel@police.example', 'dc.patel@police.example', 0),
    ).toEqual(review('COUNTER_PROPOSAL'));
  });
});
