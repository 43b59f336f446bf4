import type { FieldError } from '../http/problem';
import { childParticipationAgeProblems, ReviewedChild } from './child-participation';
import { attendanceQuorum, contentContext, DecisionQuorum, MeetingContext } from './minutes-context';
import type { MinutesRecord } from './minutes.dto';
import { recordContentProblems } from './record-content';

/** What the rules need from outside the record: looked up by the caller, so the rules stay pure. */
export interface RecordFacts {
  /** The children of the meeting with their dates of birth (for the PN0 age check). */
  reviewedChildren: ReviewedChild[];
  /** Quorum at each timed decision, from the join/leave log (empty without one). */
  decisionQuorums: DecisionQuorum[];
}

/**
 * Every rule the record must meet; `complete` adds what a submitted record may not leave out. Ids naming nothing
 * are checked before (record-ids.ts): they are a 422 of their own.
 */
export function recordProblems(
  ctx: MeetingContext,
  record: MinutesRecord,
  complete: boolean,
  facts: RecordFacts,
): FieldError[] {
  const errors: FieldError[] = [
    ...attendanceProblems(record),
    ...childParticipationProblems(ctx, record, complete, facts.reviewedChildren),
    ...outcomeProblems(ctx, record),
    ...recordContentProblems(contentContext(ctx), record, complete),
  ];
  if (complete)
    errors.push(
      ...requiredParts(record),
      ...familyCopyMissing(ctx, record),
      ...partsWithoutMethod(ctx, record),
      ...outcomesMissing(ctx, record),
      ...childParticipationMissing(ctx, record),
      ...quorumReasonMissing(ctx, record, facts.decisionQuorums),
    );
  return errors;
}

function attendanceProblems(record: MinutesRecord): FieldError[] {
  return (record.attendance ?? []).flatMap((a, i) =>
    a.status === 'ATTENDED' && !a.joinedBy
      ? [{ field: `attendance[${i}].joinedBy`, message: 'say how they joined: IN_PERSON, VIDEO or PHONE' }]
      : [],
  );
}

/** SSDA903 PN codes: only where the type takes them, one per child, right for the child's age. */
function childParticipationProblems(
  ctx: MeetingContext,
  record: MinutesRecord,
  complete: boolean,
  children: ReviewedChild[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (ctx.rules.childParticipationApplies) {
    errors.push(...childParticipationAgeProblems(record, children, ctx.meeting.heldOn, complete));
  } else {
    const message = `PN codes apply only to LAC reviews, not to a ${ctx.rules.label}`;
    if (record.childParticipation) errors.push({ field: 'childParticipation', message });
    if (record.childParticipationByCase?.length) errors.push({ field: 'childParticipationByCase', message });
  }
  record.childParticipationByCase?.forEach((c, i) => {
    if (record.childParticipationByCase?.findIndex((other) => other.caseId === c.caseId) !== i)
      errors.push({ field: `childParticipationByCase[${i}].caseId`, message: 'this case has a code already' });
  });
  return errors;
}

/** Each outcome is one of the type's, with a CP category exactly where the outcome needs one. */
function outcomeProblems(ctx: MeetingContext, record: MinutesRecord): FieldError[] {
  const errors: FieldError[] = [];
  record.outcomes?.forEach((o, i) => {
    if (!ctx.rules.outcomes.includes(o.outcome))
      errors.push({
        field: `outcomes[${i}].outcome`,
        message: `must be one of ${ctx.rules.outcomes.join(', ')} for a ${ctx.rules.label}`,
      });
    const needsCategory = ctx.rules.outcomeNeedsCategory.includes(o.outcome);
    if (needsCategory && !o.category)
      errors.push({
        field: `outcomes[${i}].category`,
        message: `a ${o.outcome} outcome needs a category (NEGLECT, PHYSICAL, SEXUAL, EMOTIONAL or MULTIPLE)`,
      });
    if (!needsCategory && o.category)
      errors.push({ field: `outcomes[${i}].category`, message: `a ${o.outcome} outcome has no category` });
  });
  return errors;
}

/** What every submitted record holds: a summary, whether the plan was considered, decisions and the attendance. */
function requiredParts(record: MinutesRecord): FieldError[] {
  const errors: FieldError[] = [];
  if (!record.summary) errors.push({ field: 'summary', message: 'a submitted record needs a summary' });
  if (record.planConsidered === undefined)
    errors.push({ field: 'planConsidered', message: 'say whether the plan was considered' });
  if (!record.decisions?.length)
    errors.push({ field: 'decisions', message: 'a submitted record needs at least one decision with its rationale' });
  if (!record.attendance?.length)
    errors.push({ field: 'attendance', message: 'a submitted record needs the attendance' });
  return errors;
}

/** How each part of the meeting was held. */
function partsWithoutMethod(ctx: Pick<MeetingContext, 'sessions'>, record: MinutesRecord): FieldError[] {
  const methods = new Set((record.sessions ?? []).map((s) => s.sessionId));
  return ctx.sessions
    .filter((s) => !methods.has(s.id))
    .map((s) => ({ field: 'sessions', message: `say how session ${s.position + 1} was held` }));
}

/** An outcome for every case, where the type has outcomes. */
function outcomesMissing(ctx: MeetingContext, record: MinutesRecord): FieldError[] {
  if (!ctx.rules.outcomes.length) return [];
  const decided = new Set((record.outcomes ?? []).map((o) => o.caseId));
  return ctx.caseIds
    .filter((caseId) => !decided.has(caseId))
    .map((caseId) => ({ field: 'outcomes', message: `record the outcome for case ${caseId}` }));
}

/** Where the type takes PN codes, a submitted record has one for the review or one for every child. */
function childParticipationMissing(ctx: MeetingContext, record: MinutesRecord): FieldError[] {
  const errors: FieldError[] = [];
  if (ctx.rules.childParticipationApplies && !record.childParticipation) {
    // SSDA903 REVIEW_CODE is per child (903 rule 167; DOMAIN.md §8): every child of a sibling group needs one.
    const coded = new Set((record.childParticipationByCase ?? []).map((c) => c.caseId));
    if (coded.size === 0)
      errors.push({ field: 'childParticipation', message: 'a LAC review records the child’s participation (PN0–PN7)' });
    else
      for (const caseId of ctx.caseIds)
        if (!coded.has(caseId))
          errors.push({
            field: 'childParticipationByCase',
            message: `record the participation code (PN0–PN7) for case ${caseId}`,
          });
  }
  return errors;
}

/**
 * Parents are never left off the distribution in silence (issue 17): where the record may go to the family and a
 * family member took part, a submitted record carries the family summary or the chair's reason for not sharing it.
 */
function familyCopyMissing(
  ctx: Pick<MeetingContext, 'rules' | 'participants' | 'people'>,
  record: MinutesRecord,
): FieldError[] {
  if (ctx.rules.minutesAudience !== 'ALL_PARTICIPANTS' || record.familySummary || record.familyNotSharedReason)
    return [];
  const family = ctx.participants.some((p) => ctx.people.get(p.personId)?.kind === 'FAMILY');
  return family
    ? [
        {
          field: 'familySummary',
          message: 'write the summary the family receives, or say why it is not shared (familyNotSharedReason)',
        },
      ]
    : [];
}

/** A decision taken, or a meeting held, without a quorum needs the chair's reason to proceed. */
function quorumReasonMissing(ctx: MeetingContext, record: MinutesRecord, atDecisions: DecisionQuorum[]): FieldError[] {
  if (record.quorum?.reasonToProceed) return [];
  const inquorate = atDecisions.find((q) => !q.quorate);
  if (inquorate)
    return [
      {
        field: 'quorum.reasonToProceed',
        message: `decision ${inquorate.decision} was taken when the meeting was not quorate (${inquorate.explanation}); record the chair’s reason to proceed`,
      },
    ];
  const quorum = attendanceQuorum(ctx, record);
  return quorum && !quorum.quorate
    ? [
        {
          field: 'quorum.reasonToProceed',
          message: `the meeting was not quorate (${quorum.explanation}); record the chair’s reason to proceed`,
        },
      ]
    : [];
}

// Separate conversations (a series of bilateral calls, no joint discussion) are the furthest from a meeting of all:
// they must not count silently as a conference (DOMAIN.md §4.3, Nuffield FJO), so they need a reason like any remote method.
const REMOTE_METHODS: readonly string[] = ['VIDEO', 'PHONE', 'HYBRID', 'SEPARATE_CONVERSATIONS'];

/**
 * DOMAIN.md §4.1: record the method of each part and, for a remote one, why it was remote (the law while the 2020
 * regulations were in force, good practice since). A part held remotely without a reason is pointed out (a warning).
 */
export function remoteWithoutReason(ctx: Pick<MeetingContext, 'sessions'>, record: MinutesRecord): string[] {
  return (record.sessions ?? [])
    .filter((s) => REMOTE_METHODS.includes(s.method) && !s.reason?.trim())
    .map((s) => {
      const part = `Part ${(ctx.sessions.find((x) => x.id === s.sessionId)?.position ?? 0) + 1}`;
      return s.method === 'SEPARATE_CONVERSATIONS'
        ? `${part} was held as separate conversations, with no joint discussion: record why`
        : `${part} was held by ${s.method.toLowerCase().replace(/_/g, ' ')}: record why a remote method was used`;
    });
}
