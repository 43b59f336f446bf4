import type { FieldError } from '../http/problem';
import type { RecordContentRules, RequiredAgencyKind } from '../meeting-types/meeting-types';
import type { IsoDate } from '../time/london';
import { addCalendarMonths } from '../time/working-days';
import type { MinutesRecord } from './minutes.dto';

/*
 * What a record must hold by meeting type (issue 22), as pure functions over the type's `record` rules and the
 * meeting: what is wrong with a draft, what a submitted record may not leave out, and what the chair is warned of.
 */

/** A participant as these rules see them. */
export interface ContentParticipant {
  id: string;
  personId: string;
  role: string;
  isChair: boolean;
  family: boolean;
  agencyKind: string | null;
}

export interface ContentContext {
  rules: RecordContentRules;
  label: string;
  caseIds: string[];
  heldOn: IsoDate;
  dueBy: IsoDate | null;
  withinTimescale: boolean | null;
  participants: ContentParticipant[];
  /** Each case's kind (CHILD, ADULT_VICTIM), by id. */
  caseKinds: Record<string, string>;
  /** Each case's reference, by id: warnings print in the record, where a reference reads and an id does not. */
  caseReferences?: Record<string, string>;
}

const AGENCY_WORDS: Record<RequiredAgencyKind, string> = {
  LOCAL_AUTHORITY: "children's social care",
  POLICE: 'police',
  HEALTH: 'health',
};

/** Problems with the issue 22 parts; `complete` adds what a submitted record may not leave out. */
export function recordContentProblems(ctx: ContentContext, record: MinutesRecord, complete: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const notHere = (field: string, what: string) =>
    errors.push({ field, message: `${what} is not recorded at a ${ctx.label}` });
  if (record.childViews?.length && !ctx.rules.childViews) notHere('childViews', "the child's views");
  if (record.familyViews && !ctx.rules.familyViews) notHere('familyViews', "the family's views");
  if (record.plan && ctx.rules.planDetailsFor.length === 0) notHere('plan', 'a child protection plan');
  if (record.lateReason && !ctx.rules.lateReason) notHere('lateReason', 'a reason for lateness');
  if (record.referrals?.length && ctx.rules.referralFor.length === 0) notHere('referrals', 'referral data');
  if (!ctx.rules.advocacy) {
    if (record.advocacy) notHere('advocacy', 'advocacy');
    if (record.consultationForms?.length) notHere('consultationForms', 'consultation forms');
    if (record.disputeResolution) notHere('disputeResolution', 'a dispute-resolution escalation');
  }
  if (record.parentsLegallyRepresented !== undefined && !ctx.rules.legalRepresentation)
    notHere('parentsLegallyRepresented', 'legal representation');
  record.referrals?.forEach((r, i) => {
    if (record.referrals!.findIndex((other) => other.caseId === r.caseId) !== i)
      errors.push({ field: `referrals[${i}].caseId`, message: 'this case has its referral already' });
    // SafeLives: "visible high risk" is a DASH score of 14 or more ticks.
    if (r.criteria === 'VISIBLE_HIGH_RISK' && (r.dashScore ?? -1) < 14)
      errors.push({
        field: `referrals[${i}].dashScore`,
        message: 'visible high risk is a DASH score of 14 or more: give the score',
      });
  });
  record.consultationForms?.forEach((f, i) => {
    if (f.returned && !f.sent)
      errors.push({ field: `consultationForms[${i}].returned`, message: 'a form returned was sent' });
    if (record.consultationForms!.findIndex((other) => other.from === f.from) !== i)
      errors.push({ field: `consultationForms[${i}].from`, message: 'this form is recorded already' });
  });
  if (record.advocacy && record.advocacy.used && !record.advocacy.offered)
    errors.push({ field: 'advocacy.used', message: 'an advocate used was offered' });
  record.childViews?.forEach((v, i) => {
    if (record.childViews!.findIndex((other) => other.caseId === v.caseId) !== i)
      errors.push({ field: `childViews[${i}].caseId`, message: 'this child has views recorded already' });
    if (v.obtainedBy.includes('NOT_OBTAINED') && !v.notObtainedReason)
      errors.push({ field: `childViews[${i}].notObtainedReason`, message: 'say why the views could not be obtained' });
    if (v.seenByChairOn && v.seenByChairOn > ctx.heldOn)
      errors.push({ field: `childViews[${i}].seenByChairOn`, message: `is after the meeting (${ctx.heldOn})` });
  });
  if (
    record.familyViews &&
    record.familyViews.reportsSharedBeforehand === false &&
    !record.familyViews.reportsNotSharedReason
  ) {
    errors.push({
      field: 'familyViews.reportsNotSharedReason',
      message: 'say why the parents did not see the reports before the meeting',
    });
  }
  if (record.plan) {
    if (record.plan.firstCoreGroupOn < ctx.heldOn)
      errors.push({ field: 'plan.firstCoreGroupOn', message: `is before the conference (${ctx.heldOn})` });
    if (record.plan.reviewConferenceOn <= ctx.heldOn)
      errors.push({ field: 'plan.reviewConferenceOn', message: `must be after the conference (${ctx.heldOn})` });
  }
  const decisions = record.decisions?.length ?? 0;
  record.dissent?.forEach((d, i) => {
    if (d.decision !== undefined && d.decision > decisions)
      errors.push({ field: `dissent[${i}].decision`, message: `the record has ${decisions} decision(s)` });
  });
  if (complete) errors.push(...missingAtSubmission(ctx, record));
  return errors;
}

function missingAtSubmission(ctx: ContentContext, record: MinutesRecord): FieldError[] {
  const errors: FieldError[] = [];
  // Every invitee accounted for (Working Together: who attended, who sent apologies, who did not come, who was excluded).
  const accounted = new Set((record.attendance ?? []).map((a) => a.participantId));
  ctx.participants
    .filter((p) => !p.isChair && !accounted.has(p.id))
    .forEach((p) =>
      errors.push({
        field: 'attendance',
        message: `account for participant ${p.id} (${p.role}): attended, apologies, did not attend, report only or excluded`,
      }),
    );
  if (ctx.rules.childViews) {
    const heard = new Set((record.childViews ?? []).map((v) => v.caseId));
    ctx.caseIds
      .filter((id) => !heard.has(id))
      .forEach((id) =>
        errors.push({
          field: 'childViews',
          message: `record the child's wishes and views, and how they were obtained, for case ${id}`,
        }),
      );
  }
  if (ctx.rules.familyViews && ctx.participants.some((p) => p.family) && !record.familyViews) {
    errors.push({
      field: 'familyViews',
      message: "record the parents' views and whether they saw the reports before the meeting",
    });
  }
  const planned = (record.outcomes ?? []).some((o) => ctx.rules.planDetailsFor.includes(o.outcome));
  if (planned && !record.plan) {
    errors.push({
      field: 'plan',
      message:
        'with a plan, record the lead practitioner, the core group and the dates set for the first core group and the review conference',
    });
  }
  const referred = new Set((record.referrals ?? []).map((r) => r.caseId));
  ctx.caseIds
    .filter((id) => ctx.rules.referralFor.includes(ctx.caseKinds[id] as never) && !referred.has(id))
    .forEach((id) =>
      errors.push({
        field: 'referrals',
        message: `record the referral (agency, criteria, children in the household) for case ${id}`,
      }),
    );
  if (ctx.rules.actionsNameCase && ctx.caseIds.length > 1) {
    record.actions?.forEach((a, i) => {
      if (!a.caseId) errors.push({ field: `actions[${i}].caseId`, message: 'name the case this action is for' });
    });
  }
  if (ctx.rules.legalRepresentation && record.parentsLegallyRepresented === undefined)
    errors.push({ field: 'parentsLegallyRepresented', message: 'say whether the parents had legal representation' });
  if (ctx.rules.advocacy && !record.advocacy)
    errors.push({ field: 'advocacy', message: 'say whether an advocate was offered to the child, and used' });
  if (ctx.rules.lateReason && ctx.withinTimescale === false && !record.lateReason) {
    errors.push({
      field: 'lateReason',
      message: `held after its latest date (${ctx.dueBy}): record why, and that the chair and the children's social care manager agreed it`,
    });
  }
  return errors;
}

/** What the chair is told but may submit with: agencies missing, a child the IRO did not see first. */
export function recordContentWarnings(ctx: ContentContext, record: MinutesRecord): string[] {
  const warnings: string[] = [];
  if (ctx.rules.requiredAgencies.length) {
    const attending = new Set(
      (record.attendance ?? []).filter((a) => a.status === 'ATTENDED').map((a) => a.participantId),
    );
    const present = ctx.participants.filter((p) => p.isChair || attending.has(p.id)).map((p) => p.agencyKind);
    const missing = ctx.rules.requiredAgencies.filter((kind) => !present.includes(kind));
    if (missing.length) {
      const names = missing.map((kind) => AGENCY_WORDS[kind]).join(', ');
      warnings.push(
        record.agenciesMissingReason
          ? `No ${names} took part (Working Together expects social work, police and health): ${record.agenciesMissingReason}`
          : `No ${names} took part: Working Together expects social work, police and health; record why (agenciesMissingReason)`,
      );
    }
  }
  if (ctx.rules.childSeenByChairBefore) {
    for (const caseId of ctx.caseIds) {
      const views = record.childViews?.find((v) => v.caseId === caseId);
      if (!views?.obtainedBy.includes('SEEN_BY_CHAIR_BEFORE'))
        warnings.push(
          `${ctx.caseReferences?.[caseId] ?? caseId}: the IRO Handbook expects the IRO to speak to the child before each review; the record does not say they did`,
        );
    }
  }
  return warnings;
}

/** A report owed for the meeting, as the pre-reads show it (never typed twice). */
export type ReportState = 'ON_TIME' | 'LATE' | 'NOT_RECEIVED';
export interface ReportReceipt {
  participantId: string;
  role: string;
  state: ReportState;
  receivedAt: Date | null;
}

/** For each participant who owed a report: on time, late (after the pre-read deadline), or not received. */
export function reportsReceived(
  owed: { id: string; role: string }[],
  documents: { participantId: string | null; submittedAt: Date; late: boolean }[],
): ReportReceipt[] {
  return owed.map((p) => {
    const theirs = documents
      .filter((d) => d.participantId === p.id)
      .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    const first = theirs[0];
    return {
      participantId: p.id,
      role: p.role,
      state: !first ? 'NOT_RECEIVED' : first.late ? 'LATE' : 'ON_TIME',
      receivedAt: first?.submittedAt ?? null,
    };
  });
}

/** A MARAC referral as the record shows it, with whether it is a repeat (computed, never typed). */
export interface MaracReferralView {
  caseId: string;
  referringAgencyId: string;
  criteria: string;
  dashScore: number | null;
  childrenInHousehold: number;
  /** SafeLives: a repeat is a case heard at MARAC again within 12 months of its last hearing. */
  repeat: boolean;
  previousMaracOn: IsoDate | null;
}

/** The referrals with their repeat flag, from the earlier MARACs of the same case (held before this one). */
export function maracReferrals(
  record: MinutesRecord,
  earlier: { caseId: string; heldOn: IsoDate }[],
  heldOn: IsoDate,
): MaracReferralView[] {
  const yearBefore = addCalendarMonths(heldOn, -12);
  return (record.referrals ?? []).map((r) => {
    const previous =
      earlier
        .filter((m) => m.caseId === r.caseId && m.heldOn < heldOn)
        .map((m) => m.heldOn)
        .sort()
        .at(-1) ?? null;
    return {
      ...r,
      dashScore: r.dashScore ?? null,
      repeat: previous !== null && previous >= yearBefore,
      previousMaracOn: previous,
    };
  });
}
