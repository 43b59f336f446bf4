import type { StaffRole } from '../auth/staff-user';

/**
 * The rules of each meeting type, as one table (DESIGN.md "Rules are data"). Services never branch on the
 * type: they read its row. National rules are the defaults (DOMAIN.md); every local number can be overridden
 * per deployment with `MEETING_RULES`.
 */
export const MEETING_TYPES = ['STRATEGY', 'ICPC', 'RCPC', 'CORE_GROUP', 'LAC_REVIEW', 'CIN_REVIEW', 'PLO', 'MARAC'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const CP_CATEGORIES = ['NEGLECT', 'PHYSICAL', 'SEXUAL', 'EMOTIONAL', 'MULTIPLE'] as const;
export const REVIEW_METHODS = ['IN_PERSON', 'VIDEO', 'PHONE', 'HYBRID', 'SEPARATE_CONVERSATIONS'] as const;

/** SSDA903 review participation codes (DfE; validator rule 167). */
export const CHILD_PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const;
export type ChildParticipationCode = (typeof CHILD_PARTICIPATION_CODES)[number];
export const CHILD_PARTICIPATION_MEANINGS: Record<ChildParticipationCode, string> = {
  PN0: 'Child aged under 4 at the time of the review',
  PN1: 'Child physically attends and speaks for themselves',
  PN2: 'Child physically attends and an advocate speaks on their behalf',
  PN3: 'Child attends and conveys their view symbolically (non-verbally)',
  PN4: 'Child physically attends but does not speak, convey views symbolically or ask an advocate',
  PN5: 'Child does not attend but briefs an advocate to speak for them',
  PN6: 'Child does not attend but conveys their feelings by a facilitative medium',
  PN7: 'Child does not attend and their views are not conveyed',
};

export type PreReadRule = { kind: 'HOURS_BEFORE'; hours: number } | { kind: 'LONDON_TIME_ON_DAY'; time: string };

/** What a statutory date is counted from. */
export type TimescaleAnchor = 'STRATEGY' | 'ICPC' | 'PREVIOUS_SAME_TYPE' | 'ENTERED_CARE' | 'CP_PLAN_STARTED';
export interface TimescaleStep {
  /** Where to count from; the first anchor the case has is used. */
  after: TimescaleAnchor[];
  amount: number;
  unit: 'WORKING_DAYS' | 'MONTHS' | 'WEEKS';
  basis: string;
}
/** `first` applies while the case has no earlier meeting of this type; `second` to the next one; `later` after that. */
export interface TimescaleRule {
  first: TimescaleStep;
  second?: TimescaleStep;
  later?: TimescaleStep;
}

export interface MeetingTypeRules {
  type: MeetingType;
  label: string;
  shortLabel: string;
  defaultDurationMinutes: number;
  chairRoles: StaffRole[];
  caseKinds: readonly ('CHILD' | 'ADULT_VICTIM')[];
  /** MARAC: victims and family are never invited; the IDVA represents the victim (DOMAIN.md §1.9). */
  familyMayAttend: boolean;
  preRead: PreReadRule;
  timescale: TimescaleRule | null;
  outcomes: readonly string[];
  outcomeNeedsCategory: readonly string[];
  childParticipationApplies: boolean;
  quorum: { localAuthorityPlusOtherAgencies: number } | null;
  minutesApproverRoles: StaffRole[];
  minutesAudience: 'ALL_PARTICIPANTS' | 'PROFESSIONALS';
  recordTimescale: { decisionsWorkingDays: number; fullRecordWorkingDays: number };
}

const HOURS_48: PreReadRule = { kind: 'HOURS_BEFORE', hours: 48 };
const CONFERENCE_QUORUM = { localAuthorityPlusOtherAgencies: 2 };

const DEFAULTS: Record<MeetingType, MeetingTypeRules> = {
  STRATEGY: {
    type: 'STRATEGY', label: 'Strategy meeting', shortLabel: 'Strategy', defaultDurationMinutes: 60,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'], caseKinds: ['CHILD'], familyMayAttend: false, preRead: HOURS_48,
    // No national deadline for a strategy discussion (DOMAIN.md §1.1).
    timescale: null,
    outcomes: ['SECTION_47', 'NO_SECTION_47'], outcomeNeedsCategory: [], childParticipationApplies: false, quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'], minutesAudience: 'PROFESSIONALS',
    recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 5 },
  },
  ICPC: {
    type: 'ICPC', label: 'Initial child protection conference', shortLabel: 'ICPC', defaultDurationMinutes: 120,
    chairRoles: ['CHAIR'], caseKinds: ['CHILD'], familyMayAttend: true, preRead: HOURS_48,
    // Working Together: within 15 working days of the strategy discussion (day 0).
    timescale: { first: { after: ['STRATEGY'], amount: 15, unit: 'WORKING_DAYS', basis: 'working days after the strategy discussion' } },
    outcomes: ['CP_PLAN', 'NO_CP_PLAN'], outcomeNeedsCategory: ['CP_PLAN'], childParticipationApplies: false, quorum: CONFERENCE_QUORUM,
    minutesApproverRoles: ['CHAIR'], minutesAudience: 'ALL_PARTICIPANTS',
    // Decision letter within 1 working day; full record within 15 (North Yorkshire, DOMAIN.md §2).
    recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 15 },
  },
  RCPC: {
    type: 'RCPC', label: 'Review child protection conference', shortLabel: 'RCPC', defaultDurationMinutes: 90,
    chairRoles: ['CHAIR'], caseKinds: ['CHILD'], familyMayAttend: true, preRead: HOURS_48,
    // Working Together: first review within 3 months of the ICPC, then at most 6 months apart.
    timescale: {
      first: { after: ['ICPC', 'CP_PLAN_STARTED'], amount: 3, unit: 'MONTHS', basis: 'months after the initial conference' },
      later: { after: ['PREVIOUS_SAME_TYPE'], amount: 6, unit: 'MONTHS', basis: 'months after the previous review conference' },
    },
    outcomes: ['CP_PLAN', 'NO_CP_PLAN'], outcomeNeedsCategory: ['CP_PLAN'], childParticipationApplies: false, quorum: CONFERENCE_QUORUM,
    minutesApproverRoles: ['CHAIR'], minutesAudience: 'ALL_PARTICIPANTS',
    recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 15 },
  },
  CORE_GROUP: {
    type: 'CORE_GROUP', label: 'Core group meeting', shortLabel: 'Core group', defaultDurationMinutes: 60,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'], caseKinds: ['CHILD'], familyMayAttend: true, preRead: HOURS_48,
    // Working Together: first within 10 working days of the ICPC; then a local frequency (default 4 weeks).
    timescale: {
      first: { after: ['ICPC', 'CP_PLAN_STARTED'], amount: 10, unit: 'WORKING_DAYS', basis: 'working days after the initial conference' },
      later: { after: ['PREVIOUS_SAME_TYPE'], amount: 4, unit: 'WEEKS', basis: 'weeks after the previous core group' },
    },
    outcomes: ['PLAN_PROGRESSING', 'PLAN_NOT_PROGRESSING', 'ESCALATE'], outcomeNeedsCategory: [], childParticipationApplies: false, quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'], minutesAudience: 'ALL_PARTICIPANTS',
    recordTimescale: { decisionsWorkingDays: 5, fullRecordWorkingDays: 10 },
  },
  LAC_REVIEW: {
    type: 'LAC_REVIEW', label: 'Looked-after child review', shortLabel: 'LAC review', defaultDurationMinutes: 90,
    chairRoles: ['IRO'], caseKinds: ['CHILD'], familyMayAttend: true, preRead: HOURS_48,
    // Care Planning, Placement and Case Review (England) Regulations 2010, reg 33.
    timescale: {
      first: { after: ['ENTERED_CARE'], amount: 20, unit: 'WORKING_DAYS', basis: 'working days after the child became looked after (reg 33(1))' },
      second: { after: ['PREVIOUS_SAME_TYPE'], amount: 3, unit: 'MONTHS', basis: 'months after the first review (reg 33(2)(a))' },
      later: { after: ['PREVIOUS_SAME_TYPE'], amount: 6, unit: 'MONTHS', basis: 'months after the previous review (reg 33(2)(b))' },
    },
    outcomes: ['RECOMMENDATIONS'], outcomeNeedsCategory: [], childParticipationApplies: true, quorum: null,
    minutesApproverRoles: ['IRO'], minutesAudience: 'ALL_PARTICIPANTS',
    // IRO practice: decisions within 5 working days, full record within 20.
    recordTimescale: { decisionsWorkingDays: 5, fullRecordWorkingDays: 20 },
  },
  CIN_REVIEW: {
    type: 'CIN_REVIEW', label: 'Child in need review', shortLabel: 'CIN review', defaultDurationMinutes: 60,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'], caseKinds: ['CHILD'], familyMayAttend: true, preRead: HOURS_48,
    // No statutory review frequency for CIN plans (DOMAIN.md §1.7).
    timescale: null,
    outcomes: ['CONTINUE_CIN_PLAN', 'CLOSE', 'STEP_UP'], outcomeNeedsCategory: [], childParticipationApplies: false, quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'], minutesAudience: 'ALL_PARTICIPANTS',
    recordTimescale: { decisionsWorkingDays: 5, fullRecordWorkingDays: 20 },
  },
  PLO: {
    type: 'PLO', label: 'Pre-proceedings (PLO) meeting', shortLabel: 'PLO', defaultDurationMinutes: 90,
    chairRoles: ['CHAIR', 'SOCIAL_WORKER'], caseKinds: ['CHILD'], familyMayAttend: true,
    // The written PLO agreement reaches parents' solicitors 48 hours before (local guidance, DOMAIN.md).
    preRead: HOURS_48,
    timescale: null,
    outcomes: ['CONTINUE_PRE_PROCEEDINGS', 'ISSUE_PROCEEDINGS', 'STEP_DOWN'], outcomeNeedsCategory: [], childParticipationApplies: false, quorum: null,
    minutesApproverRoles: ['CHAIR', 'SOCIAL_WORKER'], minutesAudience: 'ALL_PARTICIPANTS',
    recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 10 },
  },
  MARAC: {
    type: 'MARAC', label: 'Multi-agency risk assessment conference', shortLabel: 'MARAC', defaultDurationMinutes: 180,
    chairRoles: ['MARAC_COORDINATOR', 'CHAIR'], caseKinds: ['ADULT_VICTIM', 'CHILD'], familyMayAttend: false,
    // Agency research by 10:00 on the day (local guidance, DOMAIN.md §1.9).
    preRead: { kind: 'LONDON_TIME_ON_DAY', time: '10:00' },
    timescale: null,
    outcomes: ['ACTION_PLAN', 'DEFERRED', 'NO_FURTHER_ACTION'], outcomeNeedsCategory: [], childParticipationApplies: false, quorum: null,
    minutesApproverRoles: ['MARAC_COORDINATOR'], minutesAudience: 'PROFESSIONALS',
    // Derbyshire: minutes within 3 working days.
    recordTimescale: { decisionsWorkingDays: 1, fullRecordWorkingDays: 3 },
  },
};

/** What a deployment may change per type (`MEETING_RULES` JSON). */
export type MeetingTypeOverrides = Partial<
  Record<MeetingType, Partial<Pick<MeetingTypeRules, 'preRead' | 'defaultDurationMinutes' | 'recordTimescale' | 'timescale' | 'chairRoles'>>>
>;

export function meetingTypeRules(overrides: MeetingTypeOverrides = {}): Record<MeetingType, MeetingTypeRules> {
  const table = {} as Record<MeetingType, MeetingTypeRules>;
  for (const type of MEETING_TYPES) {
    const override = (overrides ?? {})[type] ?? {};
    table[type] = { ...DEFAULTS[type], ...override, recordTimescale: { ...DEFAULTS[type].recordTimescale, ...(override.recordTimescale ?? {}) } };
  }
  return table;
}
