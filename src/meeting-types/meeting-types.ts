import type { StaffRole } from '../auth/staff-user';
import type { CaseKind, DocumentAudience } from './codes';
import { isWallClockTime } from '../time/london';

/**
 * What differs between meeting types, as one table (DESIGN.md "Rules are data"). Services never branch on the type:
 * they read its row. The national rules are the defaults (DOMAIN.md); a deployment changes the local numbers with
 * `MEETING_RULES` (see `MeetingTypeOverrides`).
 */

export const MEETING_TYPES = [
  'STRATEGY',
  'ICPC',
  'RCPC',
  'CORE_GROUP',
  'LAC_REVIEW',
  'CIN_REVIEW',
  'PLO',
  'MARAC',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** The most cases one meeting is about: a MARAC hears 15 to 40 (SafeLives; issue 22), a sibling group far fewer. */
export const MAX_CASES_PER_MEETING = 40;

/** Child protection plan categories; the CIN census codes them NEG, PHY, SAB, EMO, MUL (validator rule 8905, DOMAIN.md §2). */
export const CP_CATEGORIES = ['NEGLECT', 'PHYSICAL', 'SEXUAL', 'EMOTIONAL', 'MULTIPLE'] as const;
export type CpCategory = (typeof CP_CATEGORIES)[number];

/** SSDA903 review participation codes (DfE; 903 validator rule 167; DOMAIN.md §3). */
export const CHILD_PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const;
export type ChildParticipationCode = (typeof CHILD_PARTICIPATION_CODES)[number];
/** PN1–PN6: the child took part in some way (the participation rate; PN0, under 4, is not measured, PN7 did not). */
export const CHILD_PARTICIPATING_CODES: readonly ChildParticipationCode[] = CHILD_PARTICIPATION_CODES.filter(
  (code) => code !== 'PN0' && code !== 'PN7',
);
export const CHILD_PARTICIPATION_MEANINGS: Readonly<Record<ChildParticipationCode, string>> = {
  PN0: 'Child aged under 4 at the time of the review',
  PN1: 'Child physically attends and speaks for themselves',
  PN2: 'Child physically attends and an advocate (or the IRO) speaks for them',
  PN3: 'Child attends and conveys their view symbolically (non-verbally)',
  PN4: 'Child physically attends but does not speak, convey their view symbolically or ask an advocate to speak for them',
  PN5: 'Child does not attend but briefs an advocate or the IRO to speak for them',
  PN6: 'Child does not attend but conveys their feelings through a facilitative medium',
  PN7: 'Child does not attend and their views are not conveyed',
};

/** How a review or conference was held: a local or IRO-service field, common since COVID (DOMAIN.md §3, §4). */
export const REVIEW_METHODS = ['IN_PERSON', 'VIDEO', 'PHONE', 'HYBRID', 'SEPARATE_CONVERSATIONS'] as const;
export type ReviewMethod = (typeof REVIEW_METHODS)[number];

/** Who may see a record or a document: every participant (family included) or the professionals only. */
type Audience = DocumentAudience;

/** Every outcome code any meeting type records; each type's row says which apply to it. */
export const OUTCOMES = [
  'SECTION_47',
  'NO_SECTION_47',
  'ICPC_NOT_REQUIRED',
  'CP_PLAN',
  'NO_CP_PLAN',
  'PLAN_PROGRESSED',
  'PLAN_NOT_PROGRESSED',
  'EARLY_REVIEW_NEEDED',
  'RECOMMENDATIONS',
  'CONTINUE_CIN_PLAN',
  'CLOSE',
  'STEP_UP',
  'ISSUE_PROCEEDINGS',
  'CONTINUE_PRE_PROCEEDINGS',
  'STEP_DOWN',
  'ACTION_PLAN',
  'DEFERRED',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * When pre-reads are due: at the start itself (no reading time asked for: an urgent discussion), real elapsed hours
 * before the first session, a London wall-clock time on its day, or a
 * London time a number of working days before it (local rules of "3 to 5 working days", DOMAIN.md §2).
 */
export type PreReadRule =
  | { kind: 'AT_START' }
  | { kind: 'HOURS_BEFORE'; hours: number }
  | { kind: 'LONDON_TIME_ON_DAY'; time: string; earlyStart?: EarlyStart }
  | { kind: 'WORKING_DAYS_BEFORE'; days: number; time: string };

/**
 * For a London time on the day, when the meeting starts at or before that time: the same time on the previous
 * working day (so there is still time to read), or the start itself (absent: the start).
 */
export const EARLY_STARTS = ['PREVIOUS_WORKING_DAY', 'AT_START'] as const;
export type EarlyStart = (typeof EARLY_STARTS)[number];

/** What a statutory date counts from. */
export const TIMESCALE_ANCHORS = ['STRATEGY', 'ICPC', 'PREVIOUS_SAME_TYPE', 'ENTERED_CARE', 'CP_PLAN_STARTED'] as const;
export type TimescaleAnchor = (typeof TIMESCALE_ANCHORS)[number];
export const TIMESCALE_UNITS = ['WORKING_DAYS', 'WEEKS', 'MONTHS'] as const;
export type TimescaleUnit = (typeof TIMESCALE_UNITS)[number];

export interface TimescaleStep {
  /** Count from the most recent of these the case has (an older ICPC belongs to an earlier plan). */
  after: readonly TimescaleAnchor[];
  amount: number;
  unit: TimescaleUnit;
  /** Where the rule comes from. */
  source: string;
}

/**
 * A statutory timescale, chosen by how many meetings of the type the case has had since its cycle began (the
 * first step's anchor: the strategy discussion, the ICPC or plan start, entering care): `first` with none,
 * `second` with one, `later` with more. A missing `second` means `later`; a rule with `first` only applies once
 * per cycle.
 */
export interface TimescaleRule {
  first: TimescaleStep;
  second?: TimescaleStep;
  later?: TimescaleStep;
  /**
   * Outcomes (of any meeting of the case) that end the cycle: from the conference that records one, nothing more of
   * this type falls due until the cycle starts again (a new ICPC or plan start). None: the cycle never ends this way.
   */
  endedBy?: readonly string[];
  /**
   * A date on the case that ends the cycle (the child ceased to be looked after, the plan ended outside a conference
   * Quorum holds): from it nothing more of this type falls due until the cycle starts again after it.
   */
  endedOnCaseDate?: CaseEndDate;
}
export const CASE_END_DATES = ['CEASED_LOOKED_AFTER', 'CP_PLAN_ENDED'] as const;
export type CaseEndDate = (typeof CASE_END_DATES)[number];
export const TIMESCALE_STEPS = ['first', 'second', 'later'] as const;
export type TimescaleStepName = (typeof TIMESCALE_STEPS)[number];

export interface MeetingTypeRules {
  type: MeetingType;
  /** `Initial child protection conference`: in invitations and pages. */
  label: string;
  /** `ICPC`: in subject lines and calendar titles. */
  shortLabel: string;
  defaultDurationMinutes: number;
  /** Staff roles that may chair. */
  chairRoles: StaffRole[];
  caseKinds: readonly CaseKind[];
  /** Whether family members (parents, the child, carers) may be invited. */
  familyMayAttend: boolean;
  preRead: PreReadRule;
  /** null: no statutory timescale, so no due date and no "within timescale" measure. */
  timescale: TimescaleRule | null;
  outcomes: readonly string[];
  /** Outcomes that need a CP category. */
  outcomeNeedsCategory: readonly string[];
  /** Whether the record takes an SSDA903 PN code per child. */
  childParticipationApplies: boolean;
  /**
   * Children's social care (a participant in one of these roles; never the chair) plus at least this many other
   * agencies must attend; null: no quorum rule.
   */
  quorum: { localAuthorityPlusOtherAgencies: number; childrensSocialCareRoles: readonly string[] } | null;
  /** Staff roles that may approve the record. */
  minutesApproverRoles: StaffRole[];
  minutesAudience: Audience;
  /** Working days after the meeting for the decisions and for the full record. */
  recordTimescale: { decisionsWorkingDays: number; fullRecordWorkingDays: number };
  /** Who sees an uploaded pre-read unless the uploader says otherwise. */
  documentAudienceDefault: Audience;
  /** Who may book, see and change a meeting of this type (README "Who may see and change what"). */
  access: MeetingAccess;
  /** What the record of a meeting of this type must hold at submission (issue 22; README "The record, by type"). */
  record: RecordContentRules;
}

/** Agencies a strategy discussion must have (Working Together 2023: social work, police and health). */
export type RequiredAgencyKind = 'LOCAL_AUTHORITY' | 'POLICE' | 'HEALTH';

/** What the chair's or IRO's record must hold beyond the common parts (attendance, summary, decisions, outcomes). */
export interface RecordContentRules {
  /** The child's wishes, feelings and views, and how they were obtained, for each child of the meeting. */
  childViews: boolean;
  /** The IRO speaks to the child before each review (IRO Handbook 2010, 3.16): warned when the record does not say so. */
  childSeenByChairBefore: boolean;
  /** Parents' and the wider family's views, and whether the parents saw the reports before the meeting. */
  familyViews: boolean;
  /** Outcomes that name a lead practitioner, the core group, and the dates set for the first core group and the review conference. */
  planDetailsFor: readonly string[];
  /** Held after its statutory latest date: the reason and who agreed it (the chair and the children's social care manager). */
  lateReason: boolean;
  /** Agencies that must take part; a record without one of them carries a warning and the reason. */
  requiredAgencies: readonly RequiredAgencyKind[];
  /** Cases of these kinds need their referral data (MARAC: referring agency, criteria, children in the household). */
  referralFor: readonly CaseKind[];
  /** Each action names the case it is for, when the meeting is about more than one (MARAC: the victim's case). */
  actionsNameCase: boolean;
  /** LAC reviews: advocacy offered and used, consultation forms sent and returned. */
  advocacy: boolean;
  /** PLO: whether the parents had legal representation at the meeting (they are entitled to legal aid for it). */
  legalRepresentation: boolean;
}

const RECORD_COMMON: RecordContentRules = {
  childViews: false,
  childSeenByChairBefore: false,
  familyViews: false,
  planDetailsFor: [],
  lateReason: false,
  requiredAgencies: [],
  referralFor: [],
  actionsNameCase: false,
  advocacy: false,
  legalRepresentation: false,
};

/** A conference recording one of these ends the child protection plan (DOMAIN.md §1.5). */
const PLAN_ENDING_OUTCOMES = ['NO_CP_PLAN'] as const;

/** A member of staff's part in one meeting: what the access rules are written in. */
export const MEETING_RELATIONS = ['CHAIR', 'BOOKER', 'INVITED', 'COORDINATOR'] as const;
export type MeetingRelation = (typeof MEETING_RELATIONS)[number];

/**
 * Who may see and change a meeting of a type. A member of staff with no relation the rule names does not learn that
 * the meeting exists (404), and lists leave it out. Coordinators are the team that runs the type's meetings; what
 * they coordinate they see and change. A deployment cannot override these (MEETING_RULES changes numbers only).
 */
export interface MeetingAccess {
  /** Staff roles that coordinate every meeting of the type. */
  coordinatorRoles: StaffRole[];
  /** Staff roles that may book one. */
  bookerRoles: StaffRole[];
  /** Relations that see the meeting, its documents, minutes, participants and joining details. */
  see: MeetingRelation[];
  /** Relations that change it: reschedule, invite and remove, cancel, exclude. */
  change: MeetingRelation[];
}

// Conferences, reviews, core groups, PLO and strategy: the council's business-support team coordinates them (and
// the system administrator, who also looks after them); the chair, the booker and the staff invited take part.
const CHILDRENS_SERVICES_ACCESS: MeetingAccess = {
  coordinatorRoles: ['COORDINATOR', 'ADMIN'],
  bookerRoles: ['COORDINATOR', 'CHAIR', 'IRO', 'ADMIN'],
  see: ['CHAIR', 'BOOKER', 'INVITED', 'COORDINATOR'],
  change: ['CHAIR', 'BOOKER', 'COORDINATOR'],
};

// MARAC is a compartment (SafeLives: information shared at MARAC stays with its agencies; DOMAIN.md §1.9): only
// the MARAC coordinators and the MARAC's own participants see it — not children's services' coordinators, not ADMIN.
const MARAC_ACCESS: MeetingAccess = {
  coordinatorRoles: ['MARAC_COORDINATOR'],
  bookerRoles: ['MARAC_COORDINATOR'],
  see: ['CHAIR', 'BOOKER', 'INVITED', 'COORDINATOR'],
  change: ['CHAIR', 'BOOKER', 'COORDINATOR'],
};

// "48 hours before the first session": the general default, and the PLO agreement to parents' solicitors
// (a council's COVID operating guidance, March 2020; local rules vary from 48 hours to 5 working days: DOMAIN.md §2).
const FORTY_EIGHT_HOURS_BEFORE: PreReadRule = { kind: 'HOURS_BEFORE', hours: 48 };

// Working Together, as local procedures state it (Sussex 7.8, Swindon, Guernsey): children's social care plus at
// least two other agencies with direct contact with the child and family (DOMAIN.md §2).
// Children's social care is the allocated social worker or their manager; the chair never counts (issue 18).
const CONFERENCE_QUORUM = {
  localAuthorityPlusOtherAgencies: 2,
  childrensSocialCareRoles: ['SOCIAL_WORKER', 'TEAM_MANAGER'],
};

// Conferences: decision letter within 1 working day, full record within 15 (North Yorkshire; Sussex: letter in 1).
const CONFERENCE_RECORD = { decisionsWorkingDays: 1, fullRecordWorkingDays: 15 };

/**
 * What initial and review child protection conferences share: an independent chair, the family invited, reports
 * 48 hours before; and what they decide and record: a plan or none, with its category
 * (the ICPC decides it, a review re-examines it; DOMAIN.md §2), the conference quorum, the chair's approval, and reports
 * shared with parents before the conference (Working Together).
 */
const CHILD_PROTECTION_CONFERENCE = {
  chairRoles: ['CHAIR'],
  caseKinds: ['CHILD'],
  // Parents and those with parental responsibility must be invited unless exclusion is justified (WT; DOMAIN.md §2).
  familyMayAttend: true,
  preRead: FORTY_EIGHT_HOURS_BEFORE,
  outcomes: ['CP_PLAN', 'NO_CP_PLAN'],
  outcomeNeedsCategory: ['CP_PLAN'],
  childParticipationApplies: false,
  quorum: CONFERENCE_QUORUM,
  minutesApproverRoles: ['CHAIR'],
  minutesAudience: 'ALL_PARTICIPANTS',
  recordTimescale: CONFERENCE_RECORD,
  documentAudienceDefault: 'ALL_PARTICIPANTS',
  access: CHILDRENS_SERVICES_ACCESS,
  // Working Together 2023: the child's wishes and feelings, the parents' views and reports shared with them before,
  // and with a plan the lead practitioner, the core group, the first core group within 10 working days, the review
  // within 3 months. A late ICPC is explained and agreed (Working Together; local procedures: chair and CSC manager).
  record: { ...RECORD_COMMON, childViews: true, familyViews: true, planDetailsFor: ['CP_PLAN'], lateReason: true },
} as const satisfies Partial<MeetingTypeRules>;

// Other meetings: decisions within 5 working days, full record within 20: the IRO practice default for LAC reviews
// (DOMAIN.md table, §3) and Wales's summary in 5 / record in 20 working days (DOMAIN.md §2).
const STANDARD_RECORD = { decisionsWorkingDays: 5, fullRecordWorkingDays: 20 };

const DEFAULT_RULES: Readonly<Record<MeetingType, MeetingTypeRules>> = {
  STRATEGY: {
    type: 'STRATEGY',
    access: CHILDRENS_SERVICES_ACCESS,
    label: 'Strategy discussion',
    shortLabel: 'Strategy',
    defaultDurationMinutes: 60,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'],
    caseKinds: ['CHILD'],
    // Social worker, health and police, with other professionals: an inter-agency discussion (WT 2023, DOMAIN.md §1.1).
    familyMayAttend: false,
    // Held as soon as harm is suspected, often within 24 hours (Knowsley, DOMAIN.md §1.1): no pre-read deadline
    // before the discussion; what agencies bring is shared at its start.
    preRead: { kind: 'AT_START' },
    // No national deadline for holding a strategy discussion (DOMAIN.md §1.1).
    timescale: null,
    // ICPC_NOT_REQUIRED: the s47 enquiry concluded that no conference is needed (CIN census ICPCnotRequired, N00111;
    // DOMAIN.md §6.1), recorded on the discussion's record (by amendment once approved) or on a later discussion's.
    outcomes: ['SECTION_47', 'NO_SECTION_47', 'ICPC_NOT_REQUIRED'],
    outcomeNeedsCategory: [],
    childParticipationApplies: false,
    quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'],
    minutesAudience: 'PROFESSIONALS',
    // A phone strategy discussion is still a formal inter-agency decision with one record (Rotherham, DOMAIN.md §1.1);
    // the s47 decision goes out next working day and the record well before an ICPC 15 working days on.
    recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 5 },
    documentAudienceDefault: 'PROFESSIONALS',
    // Working Together 2023: social worker, police and health at least; a discussion without one says why.
    record: { ...RECORD_COMMON, requiredAgencies: ['LOCAL_AUTHORITY', 'POLICE', 'HEALTH'] },
  },
  ICPC: {
    type: 'ICPC',
    label: 'Initial child protection conference',
    shortLabel: 'ICPC',
    defaultDurationMinutes: 120,
    timescale: {
      first: {
        after: ['STRATEGY'],
        amount: 15,
        unit: 'WORKING_DAYS',
        source: 'Working Together: ICPC within 15 working days of the strategy discussion',
      },
    },
    ...CHILD_PROTECTION_CONFERENCE,
  },
  RCPC: {
    type: 'RCPC',
    label: 'Review child protection conference',
    shortLabel: 'RCPC',
    defaultDurationMinutes: 90,
    timescale: {
      first: {
        // From the plan start date when Quorum holds no ICPC (the plan began before the case came to Quorum).
        after: ['ICPC', 'CP_PLAN_STARTED'],
        amount: 3,
        unit: 'MONTHS',
        source: 'Working Together: first review conference within 3 months of the ICPC',
      },
      later: {
        after: ['PREVIOUS_SAME_TYPE'],
        amount: 6,
        unit: 'MONTHS',
        source: 'Working Together: later review conferences not more than 6 months apart',
      },
      // A plan ends at the conference (initial or review) that decides no plan is needed (DOMAIN.md §1.5).
      endedBy: PLAN_ENDING_OUTCOMES,
      endedOnCaseDate: 'CP_PLAN_ENDED',
    },
    ...CHILD_PROTECTION_CONFERENCE,
  },
  CORE_GROUP: {
    type: 'CORE_GROUP',
    access: CHILDRENS_SERVICES_ACCESS,
    label: 'Core group meeting',
    shortLabel: 'Core group',
    defaultDurationMinutes: 60,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'],
    caseKinds: ['CHILD'],
    familyMayAttend: true,
    preRead: FORTY_EIGHT_HOURS_BEFORE,
    timescale: {
      first: {
        after: ['ICPC', 'CP_PLAN_STARTED'],
        amount: 10,
        unit: 'WORKING_DAYS',
        source: 'Working Together: first core group within 10 working days of the ICPC',
      },
      later: {
        after: ['PREVIOUS_SAME_TYPE'],
        amount: 4,
        unit: 'WEEKS',
        source: 'Local procedure (Sefton, Newcastle): core groups every 4 weeks',
      },
      // The core group exists to carry out the plan: it stops with it (DOMAIN.md §1.4, §1.5).
      endedBy: PLAN_ENDING_OUTCOMES,
      endedOnCaseDate: 'CP_PLAN_ENDED',
    },
    outcomes: ['PLAN_PROGRESSED', 'PLAN_NOT_PROGRESSED', 'EARLY_REVIEW_NEEDED'],
    outcomeNeedsCategory: [],
    childParticipationApplies: false,
    quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'],
    minutesAudience: 'ALL_PARTICIPANTS',
    // Core groups meet every four weeks: the record must be out well before the next one (Sefton, DOMAIN.md §1.4).
    recordTimescale: { decisionsWorkingDays: 5, fullRecordWorkingDays: 10 },
    documentAudienceDefault: 'PROFESSIONALS',
    record: { ...RECORD_COMMON, familyViews: true },
  },
  LAC_REVIEW: {
    type: 'LAC_REVIEW',
    access: CHILDRENS_SERVICES_ACCESS,
    label: 'Looked-after child review',
    shortLabel: 'LAC review',
    defaultDurationMinutes: 90,
    // The IRO chairs the review (Care Planning Regulations 2010 reg 36; s25A Children Act 1989).
    chairRoles: ['IRO'],
    caseKinds: ['CHILD'],
    familyMayAttend: true,
    preRead: FORTY_EIGHT_HOURS_BEFORE,
    timescale: {
      first: {
        after: ['ENTERED_CARE'],
        amount: 20,
        unit: 'WORKING_DAYS',
        source: 'Care Planning Regulations 2010 reg 33(1): within 20 working days of becoming looked after',
      },
      second: {
        after: ['PREVIOUS_SAME_TYPE'],
        amount: 3,
        unit: 'MONTHS',
        source: 'Care Planning Regulations 2010 reg 33(2): second review not more than 3 months after the first',
      },
      later: {
        after: ['PREVIOUS_SAME_TYPE'],
        amount: 6,
        unit: 'MONTHS',
        source: 'Care Planning Regulations 2010 reg 33(2): later reviews not more than 6 months apart',
      },
      // Reviews are of a looked-after child: they stop when the child ceases to be looked after (reg 33).
      endedOnCaseDate: 'CEASED_LOOKED_AFTER',
    },
    outcomes: ['RECOMMENDATIONS'],
    outcomeNeedsCategory: [],
    // SSDA903 REVIEW_CODE PN0–PN7 for each review (903 validator rule 167).
    childParticipationApplies: true,
    quorum: null,
    minutesApproverRoles: ['IRO'],
    minutesAudience: 'ALL_PARTICIPANTS',
    // IRO practice: decisions within 5 working days, full record within 20 (DOMAIN.md table; ⚠ unconfirmed, §7.1).
    recordTimescale: STANDARD_RECORD,
    documentAudienceDefault: 'PROFESSIONALS',
    // IRO Handbook: the child's wishes and feelings, seen by the IRO before the review; parents' and carers' views.
    // Advocacy offered (s26A Children Act 1989) and consultation forms: what the IRO records of the child's voice.
    record: { ...RECORD_COMMON, childViews: true, childSeenByChairBefore: true, familyViews: true, advocacy: true },
  },
  CIN_REVIEW: {
    type: 'CIN_REVIEW',
    access: CHILDRENS_SERVICES_ACCESS,
    label: 'Child in need review',
    shortLabel: 'CIN review',
    defaultDurationMinutes: 60,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'],
    caseKinds: ['CHILD'],
    familyMayAttend: true,
    preRead: FORTY_EIGHT_HOURS_BEFORE,
    // Regulations set no review frequency for CIN plans; the local numbers vary (DOMAIN.md §1.7).
    timescale: null,
    outcomes: ['CONTINUE_CIN_PLAN', 'CLOSE', 'STEP_UP'],
    outcomeNeedsCategory: [],
    childParticipationApplies: false,
    quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'],
    minutesAudience: 'ALL_PARTICIPANTS',
    recordTimescale: STANDARD_RECORD,
    documentAudienceDefault: 'PROFESSIONALS',
    record: { ...RECORD_COMMON, childViews: true, familyViews: true },
  },
  PLO: {
    type: 'PLO',
    access: CHILDRENS_SERVICES_ACCESS,
    label: 'Pre-proceedings (PLO) meeting',
    shortLabel: 'PLO',
    defaultDurationMinutes: 90,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'],
    caseKinds: ['CHILD'],
    // Parents and their solicitors attend, each parent separately where needed (DOMAIN.md §1.8).
    familyMayAttend: true,
    // The written PLO agreement reaches parents' solicitors 48 hours before (DOMAIN.md table; ⚠ unconfirmed, §7.2).
    preRead: FORTY_EIGHT_HOURS_BEFORE,
    // No fixed national gap between the letter before proceedings and the meeting (DOMAIN.md §1.8).
    timescale: null,
    outcomes: ['ISSUE_PROCEEDINGS', 'CONTINUE_PRE_PROCEEDINGS', 'STEP_DOWN'],
    outcomeNeedsCategory: [],
    childParticipationApplies: false,
    quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'],
    minutesAudience: 'ALL_PARTICIPANTS',
    // PLO requires an accurate note, filed if proceedings are issued (Walsall, DOMAIN.md §1.8).
    recordTimescale: STANDARD_RECORD,
    documentAudienceDefault: 'ALL_PARTICIPANTS',
    // Parents attend with their solicitors (non-means-tested legal aid from the letter before proceedings).
    record: { ...RECORD_COMMON, familyViews: true, legalRepresentation: true },
  },
  MARAC: {
    type: 'MARAC',
    access: MARAC_ACCESS,
    label: 'Multi-agency risk assessment conference',
    shortLabel: 'MARAC',
    // About 15 cases of 10 to 15 minutes each (MARAC meeting framework, DOMAIN.md §1.9).
    defaultDurationMinutes: 180,
    chairRoles: ['MARAC_COORDINATOR', 'CHAIR'],
    // The victim's case is an adult's; children discussed are their own CHILD cases.
    caseKinds: ['ADULT_VICTIM', 'CHILD'],
    // Victims and perpetrators never attend: the IDVA represents the victim (SafeLives; Norfolk; DOMAIN.md §1.9).
    familyMayAttend: false,
    // Agency research by 10:00 on the day of the MARAC (DOMAIN.md table; ⚠ unconfirmed, §7.3); a MARAC starting at or
    // before 10:00 would leave no reading time, so its research is due by 10:00 the working day before.
    preRead: { kind: 'LONDON_TIME_ON_DAY', time: '10:00', earlyStart: 'PREVIOUS_WORKING_DAY' },
    // Cadence is local (fortnightly, twice a month, monthly): no statutory timescale (DOMAIN.md §1.9).
    timescale: null,
    // A case whose referrer has not briefed the agency representative is deferred to the next MARAC (DOMAIN.md §1.9).
    outcomes: ['ACTION_PLAN', 'DEFERRED'],
    outcomeNeedsCategory: [],
    childParticipationApplies: false,
    quorum: null,
    minutesApproverRoles: ['MARAC_COORDINATOR'],
    // Minutes are restricted to the agencies and must not be shared without their agreement (SafeLives, DOMAIN.md §1.9).
    minutesAudience: 'PROFESSIONALS',
    // Derbyshire MARAC operating protocol: minutes no later than 3 working days after the meeting (DOMAIN.md §1.9).
    recordTimescale: { decisionsWorkingDays: 3, fullRecordWorkingDays: 3 },
    documentAudienceDefault: 'PROFESSIONALS',
    // Victims do not attend; the IDVA brings their voice (SafeLives): no child or family views section. Each victim's
    // referral (agency, criteria, children in the household) and actions naming the case they are for (SafeLives).
    record: { ...RECORD_COMMON, referralFor: ['ADULT_VICTIM'], actionsNameCase: true },
  },
};

/** What a deployment may change for one type: the local numbers, never who may attend or see what. */
export interface MeetingTypeOverride {
  preRead?: PreReadRule;
  defaultDurationMinutes?: number;
  recordTimescale?: { decisionsWorkingDays?: number; fullRecordWorkingDays?: number };
  /** `{ "later": { "amount": 6 } }`: core groups every 6 weeks. Only steps the type already has. */
  timescale?: Partial<Record<TimescaleStepName, { amount?: number; unit?: TimescaleUnit }>>;
  /** The partnership's own quorum: `{ "localAuthorityPlusOtherAgencies": 3 }`. Only for a type with a quorum rule. */
  quorum?: { localAuthorityPlusOtherAgencies?: number };
}

/** `MEETING_RULES`, e.g. `{"PLO":{"preRead":{"kind":"HOURS_BEFORE","hours":72}},"CORE_GROUP":{"timescale":{"later":{"amount":6}}}}`. */
export type MeetingTypeOverrides = Partial<Record<MeetingType, MeetingTypeOverride>>;

/** The rules table: the national defaults with a deployment's overrides applied. */
export function meetingTypeRules(overrides: MeetingTypeOverrides = {}): Record<MeetingType, MeetingTypeRules> {
  const problems = overrideProblems(overrides);
  if (problems.length > 0) throw new MeetingRulesError(problems);
  const table = {} as Record<MeetingType, MeetingTypeRules>;
  for (const type of MEETING_TYPES) table[type] = withOverride(DEFAULT_RULES[type], overrides[type] ?? {});
  return table;
}

function withOverride(rules: MeetingTypeRules, override: MeetingTypeOverride): MeetingTypeRules {
  // Each call builds its own rows, so a caller changing one cannot change the defaults.
  return {
    ...rules,
    chairRoles: [...rules.chairRoles],
    minutesApproverRoles: [...rules.minutesApproverRoles],
    access: {
      ...rules.access,
      coordinatorRoles: [...rules.access.coordinatorRoles],
      bookerRoles: [...rules.access.bookerRoles],
      see: [...rules.access.see],
      change: [...rules.access.change],
    },
    preRead: { ...(override.preRead ?? rules.preRead) },
    defaultDurationMinutes: override.defaultDurationMinutes ?? rules.defaultDurationMinutes,
    recordTimescale: { ...rules.recordTimescale, ...override.recordTimescale },
    timescale:
      rules.timescale && override.timescale
        ? timescaleWithOverride(rules.timescale, override.timescale)
        : rules.timescale,
    quorum: rules.quorum && {
      ...rules.quorum,
      childrensSocialCareRoles: [...rules.quorum.childrensSocialCareRoles],
      ...override.quorum,
    },
    record: {
      ...rules.record,
      planDetailsFor: [...rules.record.planDetailsFor],
      requiredAgencies: [...rules.record.requiredAgencies],
      referralFor: [...rules.record.referralFor],
    },
  };
}

function timescaleWithOverride(
  rule: TimescaleRule,
  override: NonNullable<MeetingTypeOverride['timescale']>,
): TimescaleRule {
  const adjusted: TimescaleRule = { ...rule };
  for (const name of TIMESCALE_STEPS) {
    const step = rule[name];
    const change = override[name];
    if (step && change)
      adjusted[name] = {
        ...step,
        ...change,
        source: `${step.source} (local setting: ${change.amount ?? step.amount} ${change.unit ?? step.unit})`,
      };
  }
  return adjusted;
}

/** The `MEETING_RULES` setting is wrong; `problems` names each thing wrong with it. */
export class MeetingRulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid MEETING_RULES:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Reads `MEETING_RULES` (already JSON-parsed) into overrides, refusing unknown types, unknown keys and impossible
 * numbers with every problem named, so a deployment fails at start-up rather than at its first booking.
 */
export function parseMeetingTypeOverrides(json: unknown): MeetingTypeOverrides {
  if (json === undefined || json === null) return {};
  const problems = overrideProblems(json);
  if (problems.length > 0) throw new MeetingRulesError(problems);
  return json; // every key and value checked above
}

function overrideProblems(json: unknown): string[] {
  if (!isRecord(json)) return ['must be an object keyed by meeting type'];
  const problems: string[] = [];
  for (const [type, override] of Object.entries(json)) {
    if (!isMeetingType(type)) {
      problems.push(`${type} is not a meeting type (${MEETING_TYPES.join(', ')})`);
      continue;
    }
    if (override === undefined) continue;
    if (!isRecord(override)) {
      problems.push(`${type} must be an object`);
      continue;
    }
    for (const [key, value] of Object.entries(override)) {
      const at = `${type}.${key}`;
      if (value === undefined) continue;
      switch (key) {
        case 'preRead':
          problems.push(...preReadProblems(at, value));
          break;
        case 'defaultDurationMinutes':
          if (!isWholeNumber(value, 1, 24 * 60))
            problems.push(`${at} must be a whole number of minutes from 1 to 1440`);
          break;
        case 'recordTimescale':
          problems.push(...recordTimescaleProblems(at, value));
          break;
        case 'timescale':
          problems.push(...timescaleProblems(at, value, DEFAULT_RULES[type].timescale));
          break;
        case 'quorum':
          problems.push(...quorumProblems(at, value, DEFAULT_RULES[type].quorum !== null));
          break;
        default:
          problems.push(
            `${at} cannot be changed (only preRead, defaultDurationMinutes, recordTimescale, timescale, quorum)`,
          );
      }
    }
  }
  return problems;
}

function preReadProblems(at: string, value: unknown): string[] {
  if (isRecord(value) && value.kind === 'AT_START' && Object.keys(value).length === 1) return [];
  if (isRecord(value) && value.kind === 'HOURS_BEFORE' && Object.keys(value).length === 2) {
    return isWholeNumber(value.hours, 0, 24 * 28) ? [] : [`${at}.hours must be a whole number of hours from 0 to 672`];
  }
  if (
    isRecord(value) &&
    value.kind === 'LONDON_TIME_ON_DAY' &&
    Object.keys(value).every((key) => ['kind', 'time', 'earlyStart'].includes(key))
  ) {
    return [
      ...(typeof value.time === 'string' && isWallClockTime(value.time)
        ? []
        : [`${at}.time must be a time written HH:mm`]),
      ...(value.earlyStart === undefined || (EARLY_STARTS as readonly unknown[]).includes(value.earlyStart)
        ? []
        : [`${at}.earlyStart must be one of ${EARLY_STARTS.join(', ')}`]),
    ];
  }
  if (isRecord(value) && value.kind === 'WORKING_DAYS_BEFORE' && Object.keys(value).length === 3) {
    return [
      ...(isWholeNumber(value.days, 1, 20) ? [] : [`${at}.days must be a whole number of working days from 1 to 20`]),
      ...(typeof value.time === 'string' && isWallClockTime(value.time)
        ? []
        : [`${at}.time must be a time written HH:mm`]),
    ];
  }
  return [
    `${at} must be {"kind":"AT_START"}, {"kind":"HOURS_BEFORE","hours":n}, {"kind":"LONDON_TIME_ON_DAY","time":"HH:mm","earlyStart"?:"PREVIOUS_WORKING_DAY"|"AT_START"} or {"kind":"WORKING_DAYS_BEFORE","days":n,"time":"HH:mm"}`,
  ];
}

function quorumProblems(at: string, value: unknown, hasQuorum: boolean): string[] {
  if (!hasQuorum) return [`${at}: this meeting type has no quorum rule to adjust`];
  if (!isRecord(value)) return [`${at} must be an object`];
  return Object.entries(value).flatMap(([key, n]) => {
    if (key !== 'localAuthorityPlusOtherAgencies')
      return [`${at}.${key} cannot be changed (only localAuthorityPlusOtherAgencies)`];
    return isWholeNumber(n, 0, 10) ? [] : [`${at}.${key} must be a whole number of agencies from 0 to 10`];
  });
}

function recordTimescaleProblems(at: string, value: unknown): string[] {
  if (!isRecord(value)) return [`${at} must be an object`];
  return Object.entries(value).flatMap(([key, days]) => {
    if (key !== 'decisionsWorkingDays' && key !== 'fullRecordWorkingDays')
      return [`${at}.${key} is not a record timescale`];
    return isWholeNumber(days, 0, 260) ? [] : [`${at}.${key} must be a whole number of working days from 0 to 260`];
  });
}

function timescaleProblems(at: string, value: unknown, rule: TimescaleRule | null): string[] {
  if (!rule) return [`${at}: this meeting type has no statutory timescale to adjust`];
  if (!isRecord(value)) return [`${at} must be an object keyed by step (${TIMESCALE_STEPS.join(', ')})`];
  return Object.entries(value).flatMap(([name, change]) => {
    const stepAt = `${at}.${name}`;
    if (!isStepName(name) || !rule[name])
      return [
        `${stepAt}: this meeting type has no such step (it has ${TIMESCALE_STEPS.filter((s) => rule[s]).join(', ')})`,
      ];
    if (!isRecord(change)) return [`${stepAt} must be an object`];
    return Object.entries(change).flatMap(([key, setting]) => {
      if (key === 'amount')
        return isWholeNumber(setting, 1, 1000) ? [] : [`${stepAt}.amount must be a whole number from 1 to 1000`];
      if (key === 'unit')
        return isTimescaleUnit(setting) ? [] : [`${stepAt}.unit must be one of ${TIMESCALE_UNITS.join(', ')}`];
      return [`${stepAt}.${key} cannot be changed (only amount and unit)`];
    });
  });
}

export function isMeetingType(value: string): value is MeetingType {
  return (MEETING_TYPES as readonly string[]).includes(value);
}

function isStepName(value: string): value is TimescaleStepName {
  return (TIMESCALE_STEPS as readonly string[]).includes(value);
}

function isTimescaleUnit(value: unknown): value is TimescaleUnit {
  return typeof value === 'string' && (TIMESCALE_UNITS as readonly string[]).includes(value);
}

function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
