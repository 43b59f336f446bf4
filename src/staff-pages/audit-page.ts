import { codeAsWords } from '../meeting-types/labels';
import type { AuditFilter } from './record-pages.repository';
import { dateInput, ListQuery } from './list-filters';
import { UUID } from '../http/uuid.pipe';

/** The audit page's filter form and its rows' words (pure). */

const one = (query: ListQuery, key: string) => {
  const value = query[key];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
};

export const AUDIT_FIELDS = [
  'meeting',
  'person',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
] as const;

export function auditFilter(query: ListQuery): { filter: AuditFilter; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const filter: AuditFilter = { page: 1 };
  const meeting = one(query, 'meeting');
  if (meeting && !UUID.test(meeting))
    errors.meeting = 'A meeting id looks like 3f2b…-…: copy it from the meeting’s address';
  else if (meeting) filter.meetingId = meeting.toLowerCase();
  const person = one(query, 'person');
  if (person && !UUID.test(person)) errors.person = 'A person id looks like 3f2b…-…: copy it from the directory';
  else if (person) filter.personId = person.toLowerCase();
  for (const edge of ['from', 'to'] as const) {
    const date = dateInput(one(query, `${edge}-day`), one(query, `${edge}-month`), one(query, `${edge}-year`));
    if (date === null)
      errors[`${edge}-day`] = `The ${edge === 'from' ? '"from"' : '"to"'} date must be a real date, like 27 3 2027`;
    else if (date) filter[edge] = date;
  }
  if (filter.from && filter.to && filter.from > filter.to)
    errors['to-day'] = 'The "to" date must be the same as or after the "from" date';
  const page = Number(one(query, 'page') || '1');
  filter.page = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
  return { filter, errors };
}

export function auditPageHref(query: ListQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FIELDS) {
    const value = one(query, key);
    if (value) params.set(key, value);
  }
  params.set('page', String(page));
  return `/audit?${params.toString()}`;
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'access.refused': 'Was refused access',
  'meeting.booked': 'Booked the meeting',
  'meeting.cancelled': 'Cancelled the meeting',
  'meeting.read': 'Looked at the meeting',
  'session.changed': 'Changed a part of the meeting',
  'participant.added': 'Added a participant',
  'participant.removed': 'Removed a participant',
  'participant.excluded': 'Excluded a participant from a part',
  'participant.invites-resent': 'Sent the invitations again',
  'participant.responded': 'Replied to the invitation',
  'participant.replied-from-calendar': 'Replied from their calendar',
  'document.uploaded': 'Sent a document',
  'document.read': 'Read a document',
  'invite.read': 'Read an invitation',
  'minutes.saved': 'Saved the record as a draft',
  'minutes.submitted': 'Submitted the record for approval',
  'minutes.approved': 'Approved the record',
  'minutes.returned': 'Returned the record to its author',
  'minutes.distributed': 'Sent the record out',
  'minutes.amended': 'Amended the record',
  'minutes.read': 'Read the record (API)',
  'minutes.record-read': 'Read the printed record',
  'minutes.decision-letter-read': 'Read the decision letter',
  'minutes.decision-letter-sent': 'Sent the decision letter',
  'minutes.distributed-only': 'Sent the record to those named for distribution only',
  'minutes.family-preview': 'Previewed the family’s copy of the record',
  'minutes.taker-named': 'Named the minute-taker',
  'person.created': 'Added the person to the directory',
  'person.updated': 'Changed the person’s details',
  'person.feed-read': 'Read the person’s calendar feed address',
  'keep-apart.added': 'Kept people apart',
  'case.created': 'Added the case',
  'case.updated': 'Changed the case',
  'delivery.bounced': 'An email was returned',
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? codeAsWords(action.replace(/[.-]/g, ' '));
}
