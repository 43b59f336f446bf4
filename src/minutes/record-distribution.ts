import type { FieldError } from '../http/problem';
import type { MinutesRecord } from './minutes.dto';

/** A person the record names for distribution only, as the directory holds them. */
export interface DistributionPerson {
  id: string;
  name: string;
  email: string | null;
  kind: string;
  agency: string | null;
}

/**
 * Distribution-only recipients (issue 22): professionals not invited who receive the record. Pure: a family member
 * may not be one (the family's copy is the only one a family member receives), nor an invitee (they receive it as
 * one), nor anyone twice. Unknown ids are a 422 of their own (record-ids.ts).
 */
export function distributionProblems(
  record: MinutesRecord,
  invitedPersonIds: Set<string>,
  people: Map<string, DistributionPerson>,
): FieldError[] {
  const seen = new Set<string>();
  return (record.distribution ?? []).flatMap((d, i) => {
    const field = `distribution[${i}].personId`;
    const person = people.get(d.personId);
    if (seen.has(d.personId)) return [{ field, message: 'is named twice' }];
    seen.add(d.personId);
    if (person && person.kind !== 'PROFESSIONAL')
      return [
        {
          field,
          message:
            "is a family member: the professionals' record is never sent to the family; invite them to receive the family's copy",
        },
      ];
    if (invitedPersonIds.has(d.personId))
      return [{ field, message: 'is invited to the meeting: they receive the record as an invitee' }];
    return [];
  });
}
