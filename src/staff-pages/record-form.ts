import { ATTENDANCE_STATUSES, JOINED_BY, MinutesDto, MinutesRecord } from '../minutes/minutes.dto';
import { VIEWS_OBTAINED_BY } from '../minutes/record-content.dto';
import { CHILD_PARTICIPATION_CODES, CP_CATEGORIES, REVIEW_METHODS } from '../meeting-types/meeting-types';
import { dateInput } from './list-filters';
import { FormValues, many, one, oneOf, yesNo } from './form-read';
import { contentParts, readContent, RecordContentMeeting } from './record-form-content';

export type { FormValues } from './form-read';

/*
 * The record form (issue 21) ⇄ the minutes DTO, pure. Field names are flat (`decision-2-text`): the form parser
 * reads no nesting. The form owns the parts listed in FORM_PARTS; every other part of a saved record (a plan, a
 * referral, set through the API) is carried over untouched, so saving the form never drops what it does not show.
 */

export interface RecordFormMeeting {
  sessions: { id: string; heading: string }[];
  /** Every invitee but the chair, whose attendance the record takes as given. */
  participants: { id: string; personId: string; name: string; role: string }[];
  /** Who may own an action: the meeting's people (the chair included), by person id. */
  owners: { personId: string; name: string }[];
  cases: { id: string; reference: string }[];
  rules: {
    outcomes: readonly string[];
    outcomeNeedsCategory: readonly string[];
    childParticipation: boolean;
    quorum: boolean;
    childViews: boolean;
    familyViews: boolean;
    advocacy: boolean;
    legalRepresentation: boolean;
    requiredAgencies: boolean;
    familyCopy: boolean;
  };
  /** The issue 22 parts this meeting's type records (absent: none of them). */
  content?: RecordContentMeeting;
}

export const FORM_PARTS = [
  'sessions',
  'attendance',
  'childParticipation',
  'childParticipationByCase',
  'childViews',
  'familyViews',
  'advocacy',
  'parentsLegallyRepresented',
  'agenciesMissingReason',
  'summary',
  'familySummary',
  'familyNotSharedReason',
  'planConsidered',
  'decisions',
  'actions',
  'outcomes',
  'quorum',
] as const satisfies readonly (keyof MinutesRecord)[];

/** Blank rows offered below the decisions and actions already written ("Save and add another" adds more). */
export const BLANK_ROWS = 2;

/** Where each array item of the DTO came from on the form: `decisions[0]` → `decision-2`. */
export type RowMap = Record<string, string>;

export interface ReadRecord {
  dto: MinutesDto;
  rows: RowMap;
  /** What the form itself can tell is wrong, by form field id. */
  errors: Record<string, string>;
}

/** How many decision or action rows the form shows: those written, the blank ones, and any asked for. */
export function rowCount(values: FormValues, name: 'decisionRows' | 'actionRows', written: number): number {
  const asked = Number(one(values, name)) || 0;
  return Math.min(Math.max(asked, written + BLANK_ROWS), 100);
}

export function readRecordForm(meeting: RecordFormMeeting, values: FormValues, existing: MinutesRecord): ReadRecord {
  const errors: Record<string, string> = {};
  const rows: RowMap = {};
  const owned: readonly string[] = [...FORM_PARTS, ...contentParts(meeting)];
  const carried = Object.fromEntries(Object.entries(existing).filter(([key]) => !owned.includes(key)));
  const dto: MinutesDto = { ...carried };
  const push = <T>(list: T[], item: T, path: string, row: string) => {
    rows[`${path}[${list.length}]`] = row;
    list.push(item);
  };

  const sessions: NonNullable<MinutesDto['sessions']> = [];
  meeting.sessions.forEach((s, i) => {
    const method = oneOf(REVIEW_METHODS, one(values, `session-${i}-method`));
    const reason = one(values, `session-${i}-reason`);
    if (method) push(sessions, { sessionId: s.id, method, ...(reason ? { reason } : {}) }, 'sessions', `session-${i}`);
  });
  if (sessions.length) dto.sessions = sessions;

  const attendance: NonNullable<MinutesDto['attendance']> = [];
  meeting.participants.forEach((p, i) => {
    const status = oneOf(ATTENDANCE_STATUSES, one(values, `attendance-${i}-status`));
    const joinedBy = oneOf(JOINED_BY, one(values, `attendance-${i}-joinedBy`));
    const note = one(values, `attendance-${i}-note`);
    if (!status) return;
    push(
      attendance,
      { participantId: p.id, status, ...(joinedBy ? { joinedBy } : {}), ...(note ? { note } : {}) },
      'attendance',
      `attendance-${i}`,
    );
  });
  if (attendance.length) dto.attendance = attendance;

  if (meeting.rules.childParticipation) {
    const coded: NonNullable<MinutesDto['childParticipationByCase']> = [];
    meeting.cases.forEach((c, i) => {
      const code = oneOf(CHILD_PARTICIPATION_CODES, one(values, `pn-${i}`));
      if (code) push(coded, { caseId: c.id, code }, 'childParticipationByCase', `pn-${i}`);
    });
    if (coded.length) dto.childParticipationByCase = coded;
  }

  if (meeting.rules.childViews) {
    const heard: NonNullable<MinutesDto['childViews']> = [];
    meeting.cases.forEach((c, i) => {
      const views = one(values, `childViews-${i}-views`);
      const obtainedBy = many(values, `childViews-${i}-obtainedBy`)
        .map((v) => oneOf(VIEWS_OBTAINED_BY, v))
        .filter((v) => v !== undefined);
      const notObtainedReason = one(values, `childViews-${i}-notObtainedReason`);
      if (!views && obtainedBy.length === 0 && !notObtainedReason) return;
      if (!views) errors[`childViews-${i}-views`] = `Enter the child’s views for ${c.reference}`;
      if (obtainedBy.length === 0)
        errors[`childViews-${i}-obtainedBy`] = `Select how the views of ${c.reference} were obtained`;
      push(
        heard,
        {
          caseId: c.id,
          views,
          obtainedBy,
          ...(notObtainedReason ? { notObtainedReason } : {}),
          shareWithFamily: one(values, `childViews-${i}-share`) === 'yes',
        },
        'childViews',
        `childViews-${i}`,
      );
    });
    if (heard.length) dto.childViews = heard;
  }

  if (meeting.rules.familyViews) {
    const parents = one(values, 'familyViews-parents');
    const shared = yesNo(one(values, 'familyViews-reportsShared'));
    const widerFamily = one(values, 'familyViews-widerFamily');
    const reportsNotSharedReason = one(values, 'familyViews-reportsNotSharedReason');
    if (parents || shared !== undefined || widerFamily) {
      if (!parents) errors['familyViews-parents'] = 'Enter the parents’ views';
      if (shared === undefined)
        errors['familyViews-reportsShared'] = 'Select whether the parents saw the reports before the meeting';
      dto.familyViews = {
        parents,
        reportsSharedBeforehand: shared ?? false,
        ...(widerFamily ? { widerFamily } : {}),
        ...(reportsNotSharedReason ? { reportsNotSharedReason } : {}),
        shareWithFamily: one(values, 'familyViews-share') === 'yes',
      };
    }
  }

  if (meeting.rules.advocacy) {
    const offered = yesNo(one(values, 'advocacy-offered'));
    const used = yesNo(one(values, 'advocacy-used'));
    if (offered !== undefined || used !== undefined) {
      if (offered === undefined) errors['advocacy-offered'] = 'Select whether an advocate was offered';
      dto.advocacy = { offered: offered ?? false, used: used ?? false };
    }
  }
  if (meeting.rules.legalRepresentation) {
    const represented = yesNo(one(values, 'parentsLegallyRepresented'));
    if (represented !== undefined) dto.parentsLegallyRepresented = represented;
  }
  for (const text of ['agenciesMissingReason', 'summary', 'familySummary', 'familyNotSharedReason'] as const) {
    const value = one(values, text);
    if (value) dto[text] = value;
  }
  const planConsidered = yesNo(one(values, 'planConsidered'));
  if (planConsidered !== undefined) dto.planConsidered = planConsidered;

  readDecisions(values, dto, push, errors);
  readActions(meeting, values, dto, push, errors);
  readContent(meeting, values, dto, push, errors);
  dto.distribution = dto.distribution?.map((d) => ({
    ...d,
    ...existing.distribution?.find((e) => e.personId === d.personId && e.reason),
  }));

  const outcomes: NonNullable<MinutesDto['outcomes']> = [];
  meeting.cases.forEach((c, i) => {
    const outcome = one(values, `outcome-${i}-outcome`);
    if (!meeting.rules.outcomes.includes(outcome)) return;
    const category = oneOf(CP_CATEGORIES, one(values, `outcome-${i}-category`));
    const notes = one(values, `outcome-${i}-notes`);
    push(
      outcomes,
      {
        caseId: c.id,
        outcome,
        ...(category && meeting.rules.outcomeNeedsCategory.includes(outcome) ? { category } : {}),
        ...(notes ? { notes } : {}),
        shareWithFamily: one(values, `outcome-${i}-share`) === 'yes',
      },
      'outcomes',
      `outcome-${i}`,
    );
  });
  if (outcomes.length) dto.outcomes = outcomes;

  const reasonToProceed = one(values, 'reasonToProceed');
  if (meeting.rules.quorum && reasonToProceed) dto.quorum = { reasonToProceed };
  return { dto, rows, errors };
}

type Push = <T>(list: T[], item: T, path: string, row: string) => void;

function readDecisions(values: FormValues, dto: MinutesDto, push: Push, errors: Record<string, string>): void {
  const decisions: NonNullable<MinutesDto['decisions']> = [];
  for (let i = 0; i < rowCount(values, 'decisionRows', 0); i++) {
    const text = one(values, `decision-${i}-text`);
    const rationale = one(values, `decision-${i}-rationale`);
    const dissent = one(values, `decision-${i}-dissent`);
    if (!text && !rationale && !dissent) continue;
    if (!text) errors[`decision-${i}-text`] = `Enter decision ${i + 1}, or clear its reasons`;
    if (!rationale) errors[`decision-${i}-rationale`] = `Enter the reasons for decision ${i + 1}`;
    push(
      decisions,
      {
        text,
        rationale,
        ...(dissent ? { dissent } : {}),
        shareWithFamily: one(values, `decision-${i}-share`) === 'yes',
      },
      'decisions',
      `decision-${i}`,
    );
  }
  if (decisions.length) dto.decisions = decisions;
}

function readActions(
  meeting: RecordFormMeeting,
  values: FormValues,
  dto: MinutesDto,
  push: Push,
  errors: Record<string, string>,
): void {
  const actions: NonNullable<MinutesDto['actions']> = [];
  for (let i = 0; i < rowCount(values, 'actionRows', 0); i++) {
    const description = one(values, `action-${i}-description`);
    const owner = one(values, `action-${i}-owner`);
    const need = one(values, `action-${i}-need`);
    const caseId = meeting.content?.actionsNameCase ? one(values, `action-${i}-case`) : '';
    const named = meeting.cases.some((c) => c.id === caseId);
    const [day, month, year] = ['day', 'month', 'year'].map((part) => one(values, `action-${i}-due-${part}`));
    if (!description && !owner && !need && !day && !month && !year) continue;
    const due = dateInput(day, month, year);
    if (!description) errors[`action-${i}-description`] = `Enter what action ${i + 1} is`;
    if (!meeting.owners.some((o) => o.personId === owner))
      errors[`action-${i}-owner`] = `Select who owns action ${i + 1}`;
    if (!due) errors[`action-${i}-due-day`] = `Enter when action ${i + 1} is due, as a real date, like 27 3 2027`;
    if (!need) errors[`action-${i}-need`] = `Enter the need action ${i + 1} meets`;
    push(
      actions,
      {
        description,
        ownerPersonId: owner,
        dueOn: due ?? '',
        need,
        ...(named ? { caseId } : {}),
        shareWithFamily: one(values, `action-${i}-share`) === 'yes',
      },
      'actions',
      `action-${i}`,
    );
  }
  if (actions.length) dto.actions = actions;
}
