import { SINGLE_LINE } from '../http/single-line';

/**
 * "I need help to take part" (issue 21), as a participant sends it from their own page: an interpreter (in which
 * language), a phone call instead, or anything else in their own words. The form has no checkbox that reveals a
 * field (that needs JavaScript): typing a language is asking for an interpreter. JSON clients send the same names,
 * `phoneCall` as a boolean. Pure, so each rule is a unit test.
 */
export interface HelpRequestInput {
  interpreterLanguage: string | null;
  phoneCall: boolean;
  accessNeeds: string | null;
}

export const HELP_FIELDS = ['interpreterLanguage', 'phoneCall', 'accessNeeds'] as const;
const MAX_LANGUAGE = 100;
export const MAX_ACCESS_NEEDS = 1000;

export function readHelpRequest(body: Record<string, unknown>): {
  input: HelpRequestInput | null;
  errors: Record<string, string>;
  values: { interpreterLanguage: string; phoneCall: boolean; accessNeeds: string };
} {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(body))
    if (!(HELP_FIELDS as readonly string[]).includes(key)) errors[key] = `${key} is not a field of this form`;
  const text = (name: string) => {
    const value = body[name];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      errors[name] = `${name} must be text`;
      return '';
    }
    return value.trim();
  };
  const interpreterLanguage = text('interpreterLanguage');
  const accessNeeds = text('accessNeeds');
  const phone = body.phoneCall;
  const phoneCall = phone === true || phone === 'yes';
  if (phone !== undefined && phone !== null && typeof phone !== 'boolean' && phone !== 'yes' && phone !== '')
    errors.phoneCall = 'phoneCall must be true or false';
  if (interpreterLanguage.length > MAX_LANGUAGE)
    errors.interpreterLanguage = `The language must be ${MAX_LANGUAGE} characters or fewer`;
  else if (!SINGLE_LINE.test(interpreterLanguage)) errors.interpreterLanguage = 'The language must be on one line';
  if (accessNeeds.length > MAX_ACCESS_NEEDS)
    errors.accessNeeds = `What would help must be ${MAX_ACCESS_NEEDS} characters or fewer`;
  if (!Object.keys(errors).length && !interpreterLanguage && !phoneCall && !accessNeeds)
    errors.interpreterLanguage =
      'Tell us what would help: the language you need an interpreter for, a phone call instead, or something else';
  const values = { interpreterLanguage, phoneCall, accessNeeds };
  if (Object.keys(errors).length) return { input: null, errors, values };
  return {
    input: { interpreterLanguage: interpreterLanguage || null, phoneCall, accessNeeds: accessNeeds || null },
    errors,
    values,
  };
}

/** What a request asks for, in words, for the coordinator's tasks and the meeting page. */
export function helpAskedFor(request: {
  interpreterLanguage: string | null;
  phoneCall: boolean;
  accessNeeds: string | null;
}): string[] {
  return [
    ...(request.interpreterLanguage ? [`an interpreter (${request.interpreterLanguage})`] : []),
    ...(request.phoneCall ? ['to take part by phone instead'] : []),
    ...(request.accessNeeds ? [`“${request.accessNeeds}”`] : []),
  ];
}

/**
 * The participant's access notes with what they asked on their page added: the chair's checklist and the meeting
 * page read these notes. Kept within the 1,000 characters a coordinator may save back (the request itself is kept
 * whole in `help_requests`).
 */
export function mergedNotes(existing: string | null, asked: string | null): string | null {
  if (!asked) return existing;
  const added = `Asked on their page: ${asked.replace(/\s+/g, ' ')}`;
  return (existing ? `${existing}; ${added}` : added).slice(0, MAX_ACCESS_NEEDS);
}
