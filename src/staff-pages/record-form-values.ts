import type { FieldError } from '../http/problem';
import type { MinutesRecord } from '../minutes/minutes.dto';
import { OUTCOME_LABELS, PARTICIPANT_ROLE_LABELS } from '../meeting-types/labels';
import type { FormValues, RecordFormMeeting, RowMap } from './record-form';
import { contentFieldOf, contentValues } from './record-form-content';
import { ATTENDANCE_LABELS, CATEGORY_LABELS, JOINED_BY_LABELS, METHOD_LABELS } from './record-labels';

/** The codes the minutes service's messages name, as the form's words (labels never codes). */
const WORDS: Record<string, string> = {
  ...PARTICIPANT_ROLE_LABELS,
  ...OUTCOME_LABELS,
  ...CATEGORY_LABELS,
  ...ATTENDANCE_LABELS,
  ...JOINED_BY_LABELS,
  ...METHOD_LABELS,
  familyNotSharedReason: 'why the family is not sent the record',
  agenciesMissingReason: 'why they took no part',
};
const CODE = new RegExp(
  `\\b(${Object.keys(WORDS)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b`,
  'g',
);

/*
 * The other way (pure): a saved record as the form's values, and an error the minutes service gave (a DTO path
 * like `actions[0].dueOn`) as the form field it is about, with ids in its words replaced by what a person reads.
 */

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');
const share = (value: boolean | undefined) => (value ? 'yes' : '');

/** The saved record as form values; an invitee the record does not yet account for starts from `attended`. */
export function recordFormValues(
  meeting: RecordFormMeeting,
  record: MinutesRecord,
  attended: ReadonlySet<string> = new Set(),
): FormValues {
  const values: FormValues = {};
  meeting.sessions.forEach((s, i) => {
    const held = record.sessions?.find((x) => x.sessionId === s.id);
    values[`session-${i}-method`] = held?.method ?? '';
    values[`session-${i}-reason`] = held?.reason ?? '';
  });
  meeting.participants.forEach((p, i) => {
    const row = record.attendance?.find((a) => a.participantId === p.id);
    values[`attendance-${i}-status`] = row?.status ?? (attended.has(p.id) ? 'ATTENDED' : '');
    values[`attendance-${i}-joinedBy`] = row?.joinedBy ?? '';
    values[`attendance-${i}-note`] = row?.note ?? '';
  });
  meeting.cases.forEach((c, i) => {
    values[`pn-${i}`] =
      record.childParticipationByCase?.find((x) => x.caseId === c.id)?.code ?? record.childParticipation ?? '';
    const views = record.childViews?.find((v) => v.caseId === c.id);
    values[`childViews-${i}-views`] = views?.views ?? '';
    values[`childViews-${i}-obtainedBy`] = views?.obtainedBy ?? [];
    values[`childViews-${i}-notObtainedReason`] = views?.notObtainedReason ?? '';
    values[`childViews-${i}-share`] = share(views?.shareWithFamily);
    const outcome = record.outcomes?.find((o) => o.caseId === c.id);
    values[`outcome-${i}-outcome`] = outcome?.outcome ?? '';
    values[`outcome-${i}-category`] = outcome?.category ?? '';
    values[`outcome-${i}-notes`] = outcome?.notes ?? '';
    values[`outcome-${i}-share`] = share(outcome?.shareWithFamily);
  });
  const family = record.familyViews;
  values['familyViews-parents'] = family?.parents ?? '';
  values['familyViews-widerFamily'] = family?.widerFamily ?? '';
  values['familyViews-reportsShared'] = yesNo(family?.reportsSharedBeforehand);
  values['familyViews-reportsNotSharedReason'] = family?.reportsNotSharedReason ?? '';
  values['familyViews-share'] = share(family?.shareWithFamily);
  values['advocacy-offered'] = yesNo(record.advocacy?.offered);
  values['advocacy-used'] = yesNo(record.advocacy?.used);
  values.parentsLegallyRepresented = yesNo(record.parentsLegallyRepresented);
  values.agenciesMissingReason = record.agenciesMissingReason ?? '';
  values.summary = record.summary ?? '';
  values.familySummary = record.familySummary ?? '';
  values.familyNotSharedReason = record.familyNotSharedReason ?? '';
  values.planConsidered = yesNo(record.planConsidered);
  values.reasonToProceed = record.quorum?.reasonToProceed ?? '';
  (record.decisions ?? []).forEach((d, i) => {
    values[`decision-${i}-text`] = d.text;
    values[`decision-${i}-rationale`] = d.rationale;
    values[`decision-${i}-dissent`] = d.dissent ?? '';
    values[`decision-${i}-share`] = share(d.shareWithFamily);
  });
  (record.actions ?? []).forEach((a, i) => {
    const [year, month, day] = a.dueOn.split('-');
    values[`action-${i}-description`] = a.description;
    values[`action-${i}-owner`] = a.ownerPersonId;
    values[`action-${i}-due-day`] = String(Number(day));
    values[`action-${i}-due-month`] = String(Number(month));
    values[`action-${i}-due-year`] = year;
    values[`action-${i}-need`] = a.need;
    values[`action-${i}-share`] = share(a.shareWithFamily);
    values[`action-${i}-case`] = a.caseId ?? '';
  });
  contentValues(meeting, record, values);
  return values;
}

/** Where a whole part's error points: its first field. */
const PART_FIELDS: Record<string, string> = {
  sessions: 'session-0-method',
  attendance: 'attendance-0-status',
  childParticipation: 'pn-0',
  childParticipationByCase: 'pn-0',
  childViews: 'childViews-0-views',
  familyViews: 'familyViews-parents',
  'familyViews.parents': 'familyViews-parents',
  'familyViews.reportsSharedBeforehand': 'familyViews-reportsShared',
  'familyViews.reportsNotSharedReason': 'familyViews-reportsNotSharedReason',
  'familyViews.widerFamily': 'familyViews-widerFamily',
  advocacy: 'advocacy-offered',
  'advocacy.offered': 'advocacy-offered',
  'advocacy.used': 'advocacy-used',
  decisions: 'decision-0-text',
  actions: 'action-0-description',
  outcomes: 'outcome-0-outcome',
  quorum: 'reasonToProceed',
  'quorum.reasonToProceed': 'reasonToProceed',
};

/** A row's DTO property → the suffix of its form field. */
const ROW_FIELDS: Record<string, string> = {
  method: 'method',
  reason: 'reason',
  status: 'status',
  joinedBy: 'joinedBy',
  note: 'note',
  code: '',
  caseId: '',
  views: 'views',
  obtainedBy: 'obtainedBy',
  notObtainedReason: 'notObtainedReason',
  seenByChairOn: 'views',
  text: 'text',
  rationale: 'rationale',
  dissent: 'dissent',
  description: 'description',
  ownerPersonId: 'owner',
  dueOn: 'due-day',
  need: 'need',
  outcome: 'outcome',
  category: 'category',
  notes: 'notes',
};

/** The form field an error of the minutes service is about, and its words with ids made readable. */
export function formFieldOf(meeting: RecordFormMeeting, rows: RowMap, error: FieldError): { id: string; text: string } {
  const text = readable(meeting, error.message);
  // A part's error naming one case or invitee points at that case's or invitee's row.
  const caseIndex = meeting.cases.findIndex((c) => error.message.includes(c.id));
  const personIndex = meeting.participants.findIndex((p) => error.message.includes(p.id));
  if (error.field === 'attendance' && personIndex >= 0) return { id: `attendance-${personIndex}-status`, text };
  const content = contentFieldOf(meeting, rows, error);
  if (content) return { id: content, text };
  if (caseIndex >= 0) {
    const byCase: Record<string, string> = {
      childParticipation: `pn-${caseIndex}`,
      childParticipationByCase: `pn-${caseIndex}`,
      childViews: `childViews-${caseIndex}-views`,
      outcomes: `outcome-${caseIndex}-outcome`,
    };
    if (byCase[error.field]) return { id: byCase[error.field], text };
  }
  if (PART_FIELDS[error.field]) return { id: PART_FIELDS[error.field], text };
  const row = /^(\w+\[\d+\])(?:\.(\w+))?/.exec(error.field);
  if (row && rows[row[1]]) {
    const suffix = ROW_FIELDS[row[2] ?? ''] ?? '';
    const base = rows[row[1]];
    // A row whose form id is its whole name (a PN code) has no suffix.
    return { id: suffix && !base.startsWith('pn-') ? `${base}-${suffix}` : base, text };
  }
  const plain = ['summary', 'familySummary', 'familyNotSharedReason', 'planConsidered', 'agenciesMissingReason'];
  if (plain.includes(error.field) || error.field === 'parentsLegallyRepresented') return { id: error.field, text };
  return { id: 'summary', text: `${error.field}: ${text}` };
}

/** Ids in a message as people read them: a case by its reference, an invitee by name. */
function readable(meeting: RecordFormMeeting, message: string): string {
  let text = message;
  for (const c of meeting.cases) text = text.split(c.id).join(c.reference);
  for (const p of meeting.participants) text = text.split(`participant ${p.id}`).join(p.name).split(p.id).join(p.name);
  text = text.replace(CODE, (code) => WORDS[code].toLowerCase());
  return text.charAt(0).toUpperCase() + text.slice(1);
}
