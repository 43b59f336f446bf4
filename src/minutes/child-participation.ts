import type { MinutesRecord } from './minutes.dto';
import type { FieldError } from '../http/problem';

/** A child the review is about: its case and date of birth (null when the case does not record it). */
export interface ReviewedChild {
  caseId: string;
  reference: string;
  dateOfBirth: string | null;
}

/** The day a child born on `dateOfBirth` turns 4 (a child born on 29 February turns 4 on a 29 February too). */
function fourthBirthday(dateOfBirth: string): string {
  return `${String(Number(dateOfBirth.slice(0, 4)) + 4).padStart(4, '0')}${dateOfBirth.slice(4)}`;
}

/**
 * SSDA903: PN0 is "child aged under 4 at the time of the review", so it is refused for a child who is 4 or over on
 * the day the review is held. Where the case has no date of birth the code cannot be checked: a draft may hold it,
 * a submitted record may not. Each child's code is its own (`childParticipationByCase`) or the review's
 * (`childParticipation`), and the error names the field that gave it.
 */
export function childParticipationAgeProblems(
  record: MinutesRecord,
  children: ReviewedChild[],
  heldOn: string,
  complete: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const child of children) {
    const own = record.childParticipationByCase?.findIndex((c) => c.caseId === child.caseId) ?? -1;
    const code = own >= 0 ? record.childParticipationByCase?.[own].code : record.childParticipation;
    if (code !== 'PN0') continue;
    const field = own >= 0 ? `childParticipationByCase[${own}].code` : 'childParticipation';
    if (child.dateOfBirth && heldOn >= fourthBirthday(child.dateOfBirth)) {
      errors.push({
        field,
        message: `PN0 is for a child under 4 at the review; case ${child.reference} was 4 or over on ${heldOn}`,
      });
    } else if (!child.dateOfBirth && complete) {
      errors.push({
        field,
        message: `PN0 is for a child under 4: record the date of birth on case ${child.reference} first`,
      });
    }
  }
  return errors;
}
