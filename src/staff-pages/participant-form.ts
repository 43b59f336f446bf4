import { PARTICIPANT_ROLE_LABELS } from '../meeting-types/labels';

/**
 * The "Add someone" form as the browser sends it: the person chosen from a search, what they attend as, which parts
 * (`session-0`, `session-1`… checkboxes, so no JavaScript and no array parsing) and whether a report is asked of
 * them. Pure, so each rule is a unit test; keep-apart rules and duplicates the service checks and the page maps back.
 */

export type ParticipantFields = Record<string, string | undefined>;

export interface ParticipantInput {
  personId: string;
  role: string;
  sessions: number[];
  reportRequired: boolean;
}

/** The roles offered: every labelled one but the chair's (a meeting has one chair, booked with it). */
export const ADDABLE_ROLES = Object.entries(PARTICIPANT_ROLE_LABELS).filter(([code]) => code !== 'CHAIR');

/** The fields carried from the form to "are you sure" and back. */
export function participantFields(sessionCount: number): string[] {
  return ['q', 'personId', 'role', 'report', ...Array.from({ length: sessionCount }, (_, i) => `session-${i}`)];
}

export function readParticipantForm(
  fields: ParticipantFields,
  sessionCount: number,
  candidates: ReadonlySet<string>,
): { input: ParticipantInput | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: Record<string, string> = {};
  const personId = value('personId');
  if (!candidates.has(personId))
    errors.personId = personId ? 'Choose a person from the search results' : 'Search for the person and choose them';
  const role = value('role');
  if (!ADDABLE_ROLES.some(([code]) => code === role)) errors.role = 'Choose what they attend as';
  // One part: they are invited to it. Several: they choose, at least one.
  const sessions =
    sessionCount === 1
      ? [0]
      : Array.from({ length: sessionCount }, (_, i) => i).filter((i) => value(`session-${i}`) === 'yes');
  if (!sessions.length) errors['session-0'] = 'Choose at least one part they are invited to';
  if (Object.keys(errors).length) return { input: null, errors };
  return { input: { personId, role, sessions, reportRequired: value('report') === 'yes' }, errors };
}

/** The form field an error of the add-participant service (`personId`, `sessions`, `role`) belongs beside. */
export function fieldOfParticipantError(path: string): string {
  if (path.startsWith('sessions')) return 'session-0';
  if (path.startsWith('role')) return 'role';
  return 'personId';
}
