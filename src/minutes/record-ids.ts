import type { FieldError } from '../http/problem';
import type { MinutesRecord } from './minutes.dto';

/*
 * Every id in a record must name something that exists (API.md: an unknown id in a body is 422), draft or not.
 * Pure: the meeting's own ids, and which of the people and agencies the record names the directory holds.
 */

export interface MeetingIds {
  sessionIds: Set<string>;
  participantIds: Set<string>;
  caseIds: Set<string>;
  chairId: string;
}

interface Named {
  field: string;
  id: string;
}

/** The people a record names, each with the field that names them. */
export function peopleNamed(record: MinutesRecord): Named[] {
  return [
    ...(record.actions ?? []).map((a, i) => ({ field: `actions[${i}].ownerPersonId`, id: a.ownerPersonId })),
    ...(record.plan
      ? [
          { field: 'plan.leadPractitionerPersonId', id: record.plan.leadPractitionerPersonId },
          ...record.plan.coreGroupPersonIds.map((id, i) => ({ field: `plan.coreGroupPersonIds[${i}]`, id })),
        ]
      : []),
    ...(record.lateReason
      ? [{ field: 'lateReason.agreedByManagerPersonId', id: record.lateReason.agreedByManagerPersonId }]
      : []),
    ...(record.distribution ?? []).map((d, i) => ({ field: `distribution[${i}].personId`, id: d.personId })),
  ];
}

/** The agencies a record names (dissent, MARAC referrers). */
export function agenciesNamed(record: MinutesRecord): Named[] {
  return [
    ...(record.dissent ?? []).map((d, i) => ({ field: `dissent[${i}].agencyId`, id: d.agencyId })),
    ...(record.referrals ?? []).map((r, i) => ({
      field: `referrals[${i}].referringAgencyId`,
      id: r.referringAgencyId,
    })),
  ];
}

export function unknownIdProblems(
  meeting: MeetingIds,
  record: MinutesRecord,
  people: Set<string>,
  agencies: Set<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const notIn = (ids: Set<string>, id: string | undefined, field: string, what: string) => {
    if (id !== undefined && !ids.has(id)) errors.push({ field, message: `is not a ${what} of this meeting` });
  };
  record.sessions?.forEach((s, i) => notIn(meeting.sessionIds, s.sessionId, `sessions[${i}].sessionId`, 'session'));
  record.attendance?.forEach((a, i) =>
    notIn(meeting.participantIds, a.participantId, `attendance[${i}].participantId`, 'participant'),
  );
  record.childParticipationByCase?.forEach((c, i) =>
    notIn(meeting.caseIds, c.caseId, `childParticipationByCase[${i}].caseId`, 'case'),
  );
  record.outcomes?.forEach((o, i) => notIn(meeting.caseIds, o.caseId, `outcomes[${i}].caseId`, 'case'));
  record.childViews?.forEach((v, i) => notIn(meeting.caseIds, v.caseId, `childViews[${i}].caseId`, 'case'));
  peopleNamed(record)
    .filter((n) => !people.has(n.id))
    .forEach((n) => errors.push({ field: n.field, message: 'no person has this id' }));
  // The chair who agreed a late conference is this meeting's chair, not any chair.
  if (record.lateReason && record.lateReason.agreedByChairPersonId !== meeting.chairId)
    errors.push({ field: 'lateReason.agreedByChairPersonId', message: 'is not the chair of this meeting' });
  record.referrals?.forEach((r, i) => notIn(meeting.caseIds, r.caseId, `referrals[${i}].caseId`, 'case'));
  record.actions?.forEach((a, i) => notIn(meeting.caseIds, a.caseId, `actions[${i}].caseId`, 'case'));
  agenciesNamed(record)
    .filter((a) => !agencies.has(a.id))
    .forEach((a) => errors.push({ field: a.field, message: 'no agency has this id' }));
  return errors;
}
