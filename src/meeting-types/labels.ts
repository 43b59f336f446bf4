import type { StaffRole } from '../auth/staff-user';
import type { DeliveryStatus } from '../deliveries/delivery.entity';
import type { MeetingFormat, MeetingStatus, Rsvp } from './codes';
import type { MeetingRules } from './meeting-rules.service';
import { MEETING_TYPES, MeetingType, MeetingTypeRules, Outcome } from './meeting-types';

/**
 * Every code Quorum shows a person, as words (issue 20): one table beside the meeting-type table, used by the staff
 * pages and served with the rules at `GET /api/meeting-types`, so that any other client shows the same words.
 * The compiler checks each enum's table is complete; participant roles are open codes, so a role not listed here
 * reads as its own words ("FOSTER_CARER" → "Foster carer").
 */

export const FORMAT_LABELS: Readonly<Record<MeetingFormat, string>> = {
  IN_PERSON: 'In person',
  VIRTUAL: 'Video',
  HYBRID: 'In person and video',
};

export const STATUS_LABELS: Readonly<Record<MeetingStatus, string>> = { SCHEDULED: 'Booked', CANCELLED: 'Cancelled' };

export const RSVP_LABELS: Readonly<Record<Rsvp, string>> = {
  NEEDS_ACTION: 'Not replied',
  ACCEPTED: 'Attending',
  DECLINED: 'Not attending',
  TENTATIVE: 'Maybe attending',
};

/** How an invite is getting on: what a coordinator needs to act on, not the worker's states. */
export const DELIVERY_STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  PENDING: 'Queued',
  SENDING: 'Queued',
  SENT: 'Sent',
  FAILED: 'Failed',
  SUPERSEDED: 'Replaced by a later message',
  NO_EMAIL: 'Not sent: no email address',
  SKIPPED: 'Not sent',
  BOUNCED: 'Returned: the address did not take it',
};

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  ADMIN: 'Administrator',
  COORDINATOR: 'Coordinator',
  CHAIR: 'Chair',
  IRO: 'Independent reviewing officer',
  MARAC_COORDINATOR: 'MARAC coordinator',
  SOCIAL_WORKER: 'Social worker',
  VIEWER: 'Viewer',
};

/** The participant roles people are invited as most often; any other code reads as its own words. */
export const PARTICIPANT_ROLE_LABELS: Readonly<Record<string, string>> = {
  CHAIR: 'Chair',
  POLICE: 'Police',
  HEALTH: 'Health',
  HEALTH_VISITOR: 'Health visitor',
  EDUCATION: 'Education',
  SCHOOL: 'School',
  PARENT: 'Parent',
  CARER: 'Carer',
  CHILD: 'Child',
  GRANDPARENT: 'Grandparent',
  SOCIAL_WORKER: 'Social worker',
  SOLICITOR: 'Solicitor',
  IDVA: 'Independent domestic violence adviser',
  IRO: 'Independent reviewing officer',
  PROBATION: 'Probation',
  HOUSING: 'Housing',
  VICTIM: 'Victim',
  ADVOCATE: 'Advocate',
  INTERPRETER: 'Interpreter',
  MINUTE_TAKER: 'Minute-taker',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  SECTION_47: 'Section 47 enquiry',
  NO_SECTION_47: 'No section 47 enquiry',
  ICPC_NOT_REQUIRED: 'Initial conference not required',
  CP_PLAN: 'Child protection plan',
  NO_CP_PLAN: 'No child protection plan',
  PLAN_PROGRESSED: 'Plan progressed',
  PLAN_NOT_PROGRESSED: 'Plan not progressed',
  EARLY_REVIEW_NEEDED: 'Early review needed',
  RECOMMENDATIONS: 'Recommendations made',
  CONTINUE_CIN_PLAN: 'Continue child in need plan',
  CLOSE: 'Close',
  STEP_UP: 'Step up',
  ISSUE_PROCEEDINGS: 'Issue proceedings',
  CONTINUE_PRE_PROCEEDINGS: 'Continue pre-proceedings',
  STEP_DOWN: 'Step down',
  ACTION_PLAN: 'Action plan',
  DEFERRED: 'Deferred',
};

/** `FOSTER_CARER` → `Foster carer`: the fallback for a code no table names. */
export function codeAsWords(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function participantRoleLabel(role: string): string {
  return PARTICIPANT_ROLE_LABELS[role] ?? codeAsWords(role);
}

export function outcomeLabel(outcome: string): string {
  return (OUTCOME_LABELS as Record<string, string>)[outcome] ?? codeAsWords(outcome);
}

export function meetingTypeLabel(rules: Readonly<Record<MeetingType, MeetingTypeRules>>, type: string): string {
  return (MEETING_TYPES as readonly string[]).includes(type) ? rules[type as MeetingType].label : codeAsWords(type);
}

/** What `GET /api/meeting-types` answers: each type's rules with its words, and the label tables. */
export function meetingTypesDocument(rules: MeetingRules) {
  return {
    types: MEETING_TYPES.map((type) => {
      const row = rules.of(type);
      return {
        ...row,
        chairRoleLabels: row.chairRoles.map((role) => STAFF_ROLE_LABELS[role]),
        outcomeLabels: Object.fromEntries(row.outcomes.map((o) => [o, outcomeLabel(o)])),
      };
    }),
    labels: {
      types: Object.fromEntries(MEETING_TYPES.map((type) => [type, rules.of(type).label])),
      formats: FORMAT_LABELS,
      statuses: STATUS_LABELS,
      rsvp: RSVP_LABELS,
      deliveryStatuses: DELIVERY_STATUS_LABELS,
      staffRoles: STAFF_ROLE_LABELS,
      participantRoles: PARTICIPANT_ROLE_LABELS,
      outcomes: OUTCOME_LABELS,
    },
  };
}
