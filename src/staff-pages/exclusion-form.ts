/**
 * The "Exclude from a part" form: which part (a radio when the meeting has several) and why. The reason goes into the
 * record, so it is required and bounded; the page tells the chair not to name the child or family in it.
 */

export interface ExclusionInput {
  sessionIndex: number;
  reason: string;
}

export const REASON_MAX = 2000;

export function readExclusionForm(
  fields: Record<string, string | undefined>,
  sessionIndexes: number[],
): { input: ExclusionInput | null; errors: Record<string, string> } {
  const value = (name: string) => (fields[name] ?? '').trim();
  const errors: Record<string, string> = {};
  // One part the person is invited to: that one. Several: they choose.
  const chosen = sessionIndexes.length === 1 ? sessionIndexes[0] : Number(value('session') || NaN);
  if (!sessionIndexes.includes(chosen)) errors.session = 'Choose the part they are excluded from';
  const reason = value('reason');
  if (!reason) errors.reason = 'Enter why they are excluded';
  else if (reason.length > REASON_MAX) errors.reason = `The reason must be ${REASON_MAX} characters or fewer`;
  if (Object.keys(errors).length) return { input: null, errors };
  return { input: { sessionIndex: chosen, reason }, errors };
}
