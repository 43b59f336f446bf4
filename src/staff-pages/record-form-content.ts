import type { FieldError } from '../http/problem';
import type { MinutesDto, MinutesRecord } from '../minutes/minutes.dto';
import { CONSULTED, DISPUTE_STAGES, MARAC_CRITERIA } from '../minutes/record-content.dto';
import { dateOf, dateValues, FormValues, many, one, oneOf } from './form-read';

/*
 * The record form's issue 22 parts (pure): the plan, dissent by agency, a late conference's reason, MARAC referrals,
 * LAC consultation forms and dispute resolution, and what the chair reads but does not type (reports received, the
 * letter before proceedings). Which parts a meeting gets is the type's `record` rules', worked out by the controller.
 */

export interface RecordContentMeeting {
  /** Outcomes that need the plan's details (empty: the type records no plan). */
  planFor: readonly string[];
  /** Held after its latest date, at a type that records why. */
  late: { dueBy: string } | null;
  /** Cases (by id) that need their referral data. */
  referralCaseIds: readonly string[];
  /** Each action names its case (MARAC), when the meeting has more than one. */
  actionsNameCase: boolean;
  /** LAC reviews: consultation forms and the IRO's dispute resolution. */
  consultation: boolean;
  agencies: { id: string; name: string }[];
  /** Professionals a person picker offers (lead practitioner, the manager who agreed a late conference). */
  staff: { personId: string; name: string }[];
  chairPersonId: string;
  /** From the pre-reads, read-only. */
  reports: { who: string; state: string; receivedAt: string | null }[];
  /** PLO: each case's letter before proceedings, from the case (null: not a PLO meeting). */
  ploLetters: { reference: string; on: string | null }[] | null;
}

interface Meeting {
  cases: { id: string; reference: string }[];
  owners: { personId: string; name: string }[];
  content?: RecordContentMeeting;
}

type Push = <T>(list: T[], item: T, path: string, row: string) => void;
const BLANK_DISSENT_ROWS = 1;
const DATE_HINT = 'as a real date, like 27 3 2027';

/** The parts the form writes for this meeting; any other part a saved record holds is carried over untouched. */
export function contentParts(meeting: Meeting): (keyof MinutesRecord)[] {
  const c = meeting.content;
  if (!c) return [];
  return [
    'dissent',
    'distribution',
    ...(c.planFor.length ? (['plan'] as const) : []),
    ...(c.late ? (['lateReason'] as const) : []),
    ...(c.referralCaseIds.length ? (['referrals'] as const) : []),
    ...(c.consultation ? (['consultationForms', 'disputeResolution'] as const) : []),
  ];
}

export function dissentRowCount(values: FormValues): number {
  let written = 0;
  for (const name of Object.keys(values)) {
    const match = /^dissent-(\d+)-about$/.exec(name);
    if (match && values[name]) written = Math.max(written, Number(match[1]) + 1);
  }
  return Math.min(Math.max(Number(one(values, 'dissentRows')) || 0, written + BLANK_DISSENT_ROWS), 50);
}

export function readContent(
  meeting: Meeting,
  values: FormValues,
  dto: MinutesDto,
  push: Push,
  errors: Record<string, string>,
): void {
  const c = meeting.content;
  if (!c) return;
  const agencies = new Set(c.agencies.map((a) => a.id));
  const staff = new Set(c.staff.map((s) => s.personId));
  const people = new Set(meeting.owners.map((o) => o.personId));

  if (c.planFor.length) {
    const lead = one(values, 'plan-lead');
    const core = many(values, 'plan-coreGroup').filter((id) => people.has(id));
    const first = dateOf(values, 'plan-firstCoreGroup');
    const review = dateOf(values, 'plan-review');
    if (lead || core.length || first !== '' || review !== '') {
      if (!staff.has(lead) && !people.has(lead)) errors['plan-lead'] = 'Select the lead practitioner';
      if (!core.length) errors['plan-coreGroup'] = 'Select the members of the core group';
      if (!first) errors['plan-firstCoreGroup-day'] = `Enter the date set for the first core group, ${DATE_HINT}`;
      if (!review) errors['plan-review-day'] = `Enter the date set for the review conference, ${DATE_HINT}`;
      dto.plan = {
        leadPractitionerPersonId: lead,
        coreGroupPersonIds: core,
        firstCoreGroupOn: first ?? '',
        reviewConferenceOn: review ?? '',
        shareWithFamily: one(values, 'plan-share') === 'yes',
      };
    }
  }

  // Reasons given through the API are kept by readRecordForm for those still picked.
  const distribution = many(values, 'distribution').filter((id) => staff.has(id) && !people.has(id));
  if (distribution.length) dto.distribution = distribution.map((personId) => ({ personId }));

  const dissent: NonNullable<MinutesDto['dissent']> = [];
  for (let i = 0; i < dissentRowCount(values); i++) {
    const [agencyId, about, reason] = ['agency', 'about', 'reason'].map((f) => one(values, `dissent-${i}-${f}`));
    const decision = Number(one(values, `dissent-${i}-decision`)) || undefined;
    if (!agencyId && !about && !reason) continue;
    if (!agencies.has(agencyId)) errors[`dissent-${i}-agency`] = `Select the agency that dissents (row ${i + 1})`;
    if (!about) errors[`dissent-${i}-about`] = `Enter what the agency disagrees with (row ${i + 1})`;
    if (!reason) errors[`dissent-${i}-reason`] = `Enter why the agency disagrees (row ${i + 1})`;
    push(dissent, { agencyId, about, reason, ...(decision ? { decision } : {}) }, 'dissent', `dissent-${i}`);
  }
  if (dissent.length) dto.dissent = dissent;

  if (c.late) {
    const [reason, chair, manager] = ['reason', 'chair', 'manager'].map((f) => one(values, `lateReason-${f}`));
    if (reason || manager) {
      if (!reason) errors['lateReason-reason'] = 'Enter why the conference was held after its latest date';
      if (!staff.has(chair) && !people.has(chair)) errors['lateReason-chair'] = 'Select the chair who agreed it';
      if (!staff.has(manager) && !people.has(manager))
        errors['lateReason-manager'] = 'Select the children’s social care manager who agreed it';
      dto.lateReason = { reason, agreedByChairPersonId: chair, agreedByManagerPersonId: manager };
    }
  }

  const referrals: NonNullable<MinutesDto['referrals']> = [];
  meeting.cases.forEach((kase, i) => {
    if (!c.referralCaseIds.includes(kase.id)) return;
    const [agency, criteria, dash, children] = ['agency', 'criteria', 'dash', 'children'].map((f) =>
      one(values, `referral-${i}-${f}`),
    );
    if (!agency && !criteria && !dash && !children) return;
    const at = `for ${kase.reference}`;
    if (!agencies.has(agency)) errors[`referral-${i}-agency`] = `Select the referring agency ${at}`;
    const criterion = oneOf(MARAC_CRITERIA, criteria);
    if (!criterion) errors[`referral-${i}-criteria`] = `Select the referral criteria ${at}`;
    const dashScore = whole(dash, 0, 27);
    if (dash && dashScore === null)
      errors[`referral-${i}-dash`] = `Enter the DASH score ${at} as a number from 0 to 27`;
    const childrenInHousehold = whole(children, 0, 30);
    if (childrenInHousehold === null)
      errors[`referral-${i}-children`] = `Enter the number of children in the household ${at}, from 0 to 30`;
    push(
      referrals,
      {
        caseId: kase.id,
        referringAgencyId: agency,
        criteria: criterion ?? 'PROFESSIONAL_JUDGEMENT',
        ...(dashScore !== null ? { dashScore } : {}),
        childrenInHousehold: childrenInHousehold ?? 0,
      },
      'referrals',
      `referral-${i}`,
    );
  });
  if (referrals.length) dto.referrals = referrals;

  if (c.consultation) {
    const sent = many(values, 'consultation-sent');
    const returned = many(values, 'consultation-returned');
    const forms = CONSULTED.filter((from) => sent.includes(from) || returned.includes(from)).map((from) => ({
      from,
      sent: sent.includes(from),
      returned: returned.includes(from),
    }));
    if (forms.length) dto.consultationForms = forms;
    const stage = oneOf(DISPUTE_STAGES, one(values, 'dispute-stage'));
    const raisedOn = dateOf(values, 'dispute-raised');
    const outcome = one(values, 'dispute-outcome');
    if (stage || raisedOn !== '' || outcome) {
      if (!stage) errors['dispute-stage'] = 'Select the stage the dispute reached';
      if (!raisedOn) errors['dispute-raised-day'] = `Enter when the dispute was raised, ${DATE_HINT}`;
      dto.disputeResolution = { stage: stage ?? 'INFORMAL', raisedOn: raisedOn ?? '', ...(outcome ? { outcome } : {}) };
    }
  }
}

function whole(text: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The saved parts as form values (a late conference's chair starts as the meeting's chair). */
export function contentValues(meeting: Meeting, record: MinutesRecord, values: FormValues): void {
  const c = meeting.content;
  if (!c) return;
  const plan = record.plan;
  values['plan-lead'] = plan?.leadPractitionerPersonId ?? '';
  values['plan-coreGroup'] = plan?.coreGroupPersonIds ?? [];
  dateValues(values, 'plan-firstCoreGroup', plan?.firstCoreGroupOn);
  dateValues(values, 'plan-review', plan?.reviewConferenceOn);
  values['plan-share'] = plan?.shareWithFamily ? 'yes' : '';
  (record.dissent ?? []).forEach((d, i) => {
    values[`dissent-${i}-agency`] = d.agencyId;
    values[`dissent-${i}-decision`] = d.decision ? String(d.decision) : '';
    values[`dissent-${i}-about`] = d.about;
    values[`dissent-${i}-reason`] = d.reason;
  });
  values['distribution'] = (record.distribution ?? []).map((d) => d.personId);
  values['lateReason-reason'] = record.lateReason?.reason ?? '';
  values['lateReason-chair'] = record.lateReason?.agreedByChairPersonId ?? c.chairPersonId;
  values['lateReason-manager'] = record.lateReason?.agreedByManagerPersonId ?? '';
  meeting.cases.forEach((kase, i) => {
    const r = record.referrals?.find((x) => x.caseId === kase.id);
    values[`referral-${i}-agency`] = r?.referringAgencyId ?? '';
    values[`referral-${i}-criteria`] = r?.criteria ?? '';
    values[`referral-${i}-dash`] = r?.dashScore !== undefined ? String(r.dashScore) : '';
    values[`referral-${i}-children`] = r ? String(r.childrenInHousehold) : '';
  });
  const forms = record.consultationForms ?? [];
  values['consultation-sent'] = forms.filter((f) => f.sent).map((f) => f.from);
  values['consultation-returned'] = forms.filter((f) => f.returned).map((f) => f.from);
  values['dispute-stage'] = record.disputeResolution?.stage ?? '';
  dateValues(values, 'dispute-raised', record.disputeResolution?.raisedOn);
  values['dispute-outcome'] = record.disputeResolution?.outcome ?? '';
}

/** The form field an error of the minutes service on these parts is about, or null when it is another part's. */
export function contentFieldOf(meeting: Meeting, rows: Record<string, string>, error: FieldError): string | null {
  const caseIndex = meeting.cases.findIndex((c) => error.message.includes(c.id));
  if (error.field === 'referrals') return `referral-${Math.max(caseIndex, 0)}-agency`;
  const parts: Record<string, string> = {
    plan: 'plan-lead',
    'plan.leadPractitionerPersonId': 'plan-lead',
    'plan.coreGroupPersonIds': 'plan-coreGroup',
    'plan.firstCoreGroupOn': 'plan-firstCoreGroup-day',
    'plan.reviewConferenceOn': 'plan-review-day',
    lateReason: 'lateReason-reason',
    'lateReason.reason': 'lateReason-reason',
    'lateReason.agreedByChairPersonId': 'lateReason-chair',
    'lateReason.agreedByManagerPersonId': 'lateReason-manager',
    consultationForms: 'consultation-sent',
    disputeResolution: 'dispute-stage',
    'disputeResolution.stage': 'dispute-stage',
    'disputeResolution.raisedOn': 'dispute-raised-day',
    'disputeResolution.outcome': 'dispute-outcome',
  };
  if (parts[error.field]) return parts[error.field];
  if (error.field.startsWith('distribution')) return 'distribution';
  if (/^consultationForms\[\d+\]\.returned$/.test(error.field)) return 'consultation-returned';
  if (error.field.startsWith('consultationForms')) return 'consultation-sent';
  const row = /^(dissent|referrals|actions)(\[\d+\])(?:\.(\w+))?/.exec(error.field);
  const base = row ? rows[`${row[1]}${row[2]}`] : undefined;
  if (!row || !base) return null;
  const suffixes: Record<string, string> = {
    agencyId: 'agency',
    decision: 'decision',
    about: 'about',
    reason: 'reason',
    referringAgencyId: 'agency',
    criteria: 'criteria',
    dashScore: 'dash',
    childrenInHousehold: 'children',
    caseId: row[1] === 'actions' ? 'case' : 'agency',
  };
  if (row[1] === 'actions') return row[3] === 'caseId' ? `${base}-case` : null;
  return `${base}-${suffixes[row[3] ?? ''] ?? (row[1] === 'dissent' ? 'about' : 'agency')}`;
}
