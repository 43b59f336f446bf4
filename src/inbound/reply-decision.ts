import type { Rsvp } from '../meetings/participant.entity';
import type { CalendarAnswer } from './calendar-reply';

/** Why a calendar answer went to the coordinator instead of changing an RSVP. */
export const REVIEW_REASONS = [
  'COUNTER_PROPOSAL',
  'NOT_ONE_ATTENDEE',
  'UNKNOWN_ATTENDEE',
  'SENDER_MISMATCH',
  'DELEGATED',
  'OUTDATED',
  'UNKNOWN_ANSWER',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export type ReplyDecision =
  { kind: 'RSVP'; rsvp: Exclude<Rsvp, 'NEEDS_ACTION'> } | { kind: 'REVIEW'; reason: ReviewReason };

const PARTSTAT_TO_RSVP: Record<string, Exclude<Rsvp, 'NEEDS_ACTION'>> = {
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  TENTATIVE: 'TENTATIVE',
};

/**
 * Whether a REPLY answers for the session's participant. Only the recipient may answer for itself (issue 23): one
 * ATTENDEE, that participant's own address, sent From that address, not on someone else's behalf (SENT-BY) and not
 * handed on (DELEGATED). Anything else is for a person to look at, never an RSVP.
 *
 * An answer to an older version of the session (a lower SEQUENCE: it has moved or been sent again since) may not hold
 * for the current one (RFC 5546 §2.1.5), so a person looks at it too.
 *
 * `participantEmail` is the address of the session's participant whose address the attendee gives, or null;
 * `currentSequence` the session's SEQUENCE now.
 */
export function decideReply(
  answer: CalendarAnswer,
  from: string | null,
  participantEmail: string | null,
  currentSequence: number,
): ReplyDecision {
  if (answer.method === 'COUNTER') return { kind: 'REVIEW', reason: 'COUNTER_PROPOSAL' };
  if (answer.attendees.length !== 1) return { kind: 'REVIEW', reason: 'NOT_ONE_ATTENDEE' };
  const [attendee] = answer.attendees;
  if (!participantEmail || participantEmail.toLowerCase() !== attendee.address)
    return { kind: 'REVIEW', reason: 'UNKNOWN_ATTENDEE' };
  if (
    attendee.partstat === 'DELEGATED' ||
    attendee.delegatedTo ||
    attendee.delegatedFrom ||
    (attendee.sentBy && attendee.sentBy !== attendee.address)
  ) {
    return { kind: 'REVIEW', reason: 'DELEGATED' };
  }
  if (from !== attendee.address) return { kind: 'REVIEW', reason: 'SENDER_MISMATCH' };
  if (answer.sequence < currentSequence) return { kind: 'REVIEW', reason: 'OUTDATED' };
  const rsvp = PARTSTAT_TO_RSVP[attendee.partstat ?? ''];
  return rsvp ? { kind: 'RSVP', rsvp } : { kind: 'REVIEW', reason: 'UNKNOWN_ANSWER' };
}
