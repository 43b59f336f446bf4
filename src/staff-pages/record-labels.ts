import type { ATTENDANCE_STATUSES, JOINED_BY } from '../minutes/minutes.dto';
import type { CONSULTED, DISPUTE_STAGES, MARAC_CRITERIA, ViewsObtainedBy } from '../minutes/record-content.dto';
import type { ReportState } from '../minutes/record-content';
import type { CpCategory, ReviewMethod } from '../meeting-types/meeting-types';

/** The record form's words for the record's codes (labels never codes; the compiler checks each table is whole). */

export const METHOD_LABELS: Readonly<Record<ReviewMethod, string>> = {
  IN_PERSON: 'In person',
  VIDEO: 'By video',
  PHONE: 'By phone',
  HYBRID: 'In person and by video or phone',
  SEPARATE_CONVERSATIONS: 'As separate conversations (no joint discussion)',
};

export const ATTENDANCE_LABELS: Readonly<Record<(typeof ATTENDANCE_STATUSES)[number], string>> = {
  ATTENDED: 'Attended',
  APOLOGIES: 'Sent apologies',
  DID_NOT_ATTEND: 'Did not attend',
  REPORT_ONLY: 'Sent a report only',
  EXCLUDED: 'Excluded by the chair',
};

export const JOINED_BY_LABELS: Readonly<Record<(typeof JOINED_BY)[number], string>> = {
  IN_PERSON: 'In person',
  VIDEO: 'By video',
  PHONE: 'By phone',
};

export const CATEGORY_LABELS: Readonly<Record<CpCategory, string>> = {
  NEGLECT: 'Neglect',
  PHYSICAL: 'Physical abuse',
  SEXUAL: 'Sexual abuse',
  EMOTIONAL: 'Emotional abuse',
  MULTIPLE: 'Multiple categories',
};

export const VIEWS_OBTAINED_LABELS: Readonly<Record<ViewsObtainedBy, string>> = {
  ATTENDED: 'The child attended',
  ADVOCATE: 'Through an advocate',
  CONSULTATION_FORM: 'A consultation form',
  SEEN_BY_CHAIR_BEFORE: 'The chair or IRO saw the child before the meeting',
  SOCIAL_WORKER: 'Through the social worker',
  OTHER_PROFESSIONAL: 'Through another professional',
  NOT_OBTAINED: 'The views could not be obtained',
};

/** The record's status as a person reads it. */
export const RECORD_STATUS_LABELS: Readonly<Record<string, string>> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Waiting for approval',
  APPROVED: 'Approved',
  DISTRIBUTED: 'Sent out',
};

export const CRITERIA_LABELS: Readonly<Record<(typeof MARAC_CRITERIA)[number], string>> = {
  VISIBLE_HIGH_RISK: 'Visible high risk (a DASH score of 14 or more)',
  ESCALATION: 'Escalation (further incidents since a referral)',
  PROFESSIONAL_JUDGEMENT: 'Professional judgement',
};

export const CONSULTED_LABELS: Readonly<Record<(typeof CONSULTED)[number], string>> = {
  CHILD: 'The child',
  PARENTS: 'The parents',
  CARERS: 'The carers',
  SCHOOL: 'The school',
};

export const DISPUTE_STAGE_LABELS: Readonly<Record<(typeof DISPUTE_STAGES)[number], string>> = {
  INFORMAL: 'Informal resolution',
  TEAM_MANAGER: 'Team manager',
  SERVICE_MANAGER: 'Service manager',
  HEAD_OF_SERVICE: 'Head of service',
  DIRECTOR: 'Director of children’s services',
  CAFCASS: 'Referred to Cafcass',
};

export const REPORT_STATE_LABELS: Readonly<Record<ReportState, string>> = {
  ON_TIME: 'Received on time',
  LATE: 'Received late',
  NOT_RECEIVED: 'Not received',
};
