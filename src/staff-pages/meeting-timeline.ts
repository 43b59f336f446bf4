import { londonDateTime } from '../templates/london-format';
import type { PersonName } from './staff-pages.repository';

/**
 * The meeting's audit timeline as words: what changed, who did it, when (UK time). Only the changes are told (reads
 * and refusals stay in the full trail); people are named only when they are staff, so a family member's details never
 * show here beyond "a family member".
 */

export interface TimelineEvent {
  at: Date;
  actor: string;
  actorName: string | null;
  action: string;
  personId: string | null;
}

/** What each change reads as; `{person}` is who it was done to. Anything not listed is not on the timeline. */
export const TIMELINE_LABELS: Readonly<Record<string, string>> = {
  'meeting.booked': 'Meeting booked',
  'session.changed': 'Time or joining details changed',
  'participant.added': '{person} added',
  'participant.removed': '{person} removed',
  'participant.excluded': '{person} excluded from a part',
  'participant.invites-resent': 'Invitations sent again to {person}',
  'participant.responded': '{person} replied',
  'participant.replied-from-calendar': '{person} replied from their calendar',
  'delivery.bounced': 'An invitation to {person} bounced',
  'document.uploaded': 'Document added',
  'keep-apart.added': 'Keep-apart rule added',
  'minutes.taker-named': 'Minute-taker named',
  'minutes.saved': 'Record saved',
  'minutes.amended': 'Record amended',
  'meeting.cancelled': 'Meeting cancelled',
};

export interface TimelineEntry {
  when: string;
  text: string;
  by: string;
}

export function meetingTimeline(events: TimelineEvent[], names: Map<string, PersonName>): TimelineEntry[] {
  const named = (id: string | null) => {
    const person = id ? names.get(id) : undefined;
    if (!person) return 'Someone';
    return person.kind === 'PROFESSIONAL' ? person.name : 'A family member';
  };
  return events
    .filter((e) => TIMELINE_LABELS[e.action])
    .map((e) => ({
      when: londonDateTime(e.at),
      text: TIMELINE_LABELS[e.action].replace('{person}', named(e.personId)),
      // Staff act under their own name; someone answering through their personal link is not named.
      by: e.actorName ?? (e.actor.startsWith('participant:') ? 'through their personal link' : 'the service'),
    }));
}

/** The person ids the timeline may name (then only staff are named). */
export function timelinePeople(events: TimelineEvent[]): string[] {
  return [...new Set(events.map((e) => e.personId).filter((id): id is string => !!id))];
}
