import { IsoDate } from '../time/london';
import { MeetingType, MeetingTypeRules, TimescaleAnchor, TimescaleRule } from './meeting-types';

/*
 * Where a case stands in a meeting type's cycle, from what Quorum holds about it: the anchors a timescale counts from
 * (timescale-rules.ts turns them into due dates).
 */

export interface HeldMeeting {
  type: MeetingType;
  heldOn: IsoDate;
  /** The outcome its submitted record gives for this case (`SECTION_47`, `NO_CP_PLAN`, …), when there is one. */
  outcome?: string | null;
}

/** What Quorum holds about a case that timescales count from. */
export interface CaseHistory {
  enteredCareOn?: IsoDate | null;
  cpPlanStartedOn?: IsoDate | null;
  ceasedLookedAfterOn?: IsoDate | null;
  cpPlanEndedOn?: IsoDate | null;
  /** Earlier, not cancelled meetings of this case, in any order. */
  meetings: HeldMeeting[];
}

export interface DueOptions {
  /** The meeting this one follows from, e.g. the strategy discussion at which the s47 enquiry started (DOMAIN.md §1.2). */
  trigger?: HeldMeeting;
  /** Judge a meeting held on this date: only earlier meetings of its type count, and others held up to that day. */
  before?: IsoDate;
}

const ANCHOR_WORDS: Record<Exclude<TimescaleAnchor, 'PREVIOUS_SAME_TYPE'>, string> = {
  STRATEGY: 'the strategy discussion',
  ICPC: 'the initial child protection conference',
  ENTERED_CARE: 'the child became looked after',
  CP_PLAN_STARTED: 'the start of the child protection plan',
};

export interface Anchor {
  date: IsoDate;
  words: string;
}

/** Where a case is in a type's cycle: when the cycle began and the meetings of the type held since. */
export interface Cycle {
  startedOn: IsoDate | undefined;
  previous: IsoDate[];
  /** A meeting since the cycle began recorded an outcome that ends it (a conference deciding no plan). */
  ended: boolean;
}

/**
 * A cycle begins at the first step's anchor: the latest strategy discussion for an ICPC, the latest ICPC (or plan
 * start) for review conferences and core groups, entering care for LAC reviews. Meetings of the type from an
 * earlier plan or care episode do not count towards this one.
 */
export function cycleOf(
  rules: MeetingTypeRules,
  rule: TimescaleRule,
  history: CaseHistory,
  options: DueOptions,
): Cycle {
  const startedOn = latestAnchor(rule.first.after, rules, history, options, {
    startedOn: undefined,
    previous: [],
    ended: false,
  })?.date;
  const previous = history.meetings
    .filter(
      (m) =>
        m.type === rules.type &&
        (!options.before || m.heldOn < options.before) &&
        (!startedOn || m.heldOn >= startedOn),
    )
    .map((m) => m.heldOn)
    .sort();
  // "A plan ends at the conference that ends it": a later start (a new ICPC, a new plan date) begins a new cycle.
  const endedOn = latestOf(lastEnding(rule, history, options.before), caseEnding(rule, history, options.before));
  return { startedOn, previous, ended: endedOn !== undefined && (!startedOn || endedOn >= startedOn) };
}

/** The latest meeting, up to the day judged, whose record gives an outcome that ends this type's cycle. */
function lastEnding(rule: TimescaleRule, history: CaseHistory, onOrBefore: IsoDate | undefined): IsoDate | undefined {
  const endings = rule.endedBy ?? [];
  let latest: IsoDate | undefined;
  for (const m of history.meetings) {
    if (
      m.outcome &&
      endings.includes(m.outcome) &&
      (!onOrBefore || m.heldOn <= onOrBefore) &&
      (!latest || m.heldOn > latest)
    )
      latest = m.heldOn;
  }
  return latest;
}

/** The case's own date that ends this type's cycle (left care, plan ended), when it has one up to the day judged. */
function caseEnding(rule: TimescaleRule, history: CaseHistory, onOrBefore: IsoDate | undefined): IsoDate | undefined {
  const date =
    rule.endedOnCaseDate === 'CEASED_LOOKED_AFTER'
      ? history.ceasedLookedAfterOn
      : rule.endedOnCaseDate === 'CP_PLAN_ENDED'
        ? history.cpPlanEndedOn
        : null;
  return date && (!onOrBefore || date <= onOrBefore) ? date : undefined;
}

function latestOf(a: IsoDate | undefined, b: IsoDate | undefined): IsoDate | undefined {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

/** The most recent of the anchors the case has; on a tie, the one listed first. */
export function latestAnchor(
  after: readonly TimescaleAnchor[],
  rules: MeetingTypeRules,
  history: CaseHistory,
  options: DueOptions,
  cycle: Cycle,
): Anchor | undefined {
  let latest: Anchor | undefined;
  for (const kind of after) {
    const anchor = anchorOf(kind, rules, history, options, cycle);
    if (anchor && (!latest || anchor.date > latest.date)) latest = anchor;
  }
  return latest;
}

function anchorOf(
  kind: TimescaleAnchor,
  rules: MeetingTypeRules,
  history: CaseHistory,
  options: DueOptions,
  cycle: Cycle,
): Anchor | undefined {
  switch (kind) {
    case 'STRATEGY':
    case 'ICPC': {
      // Where there was more than one strategy discussion, count from the one the booking names (DOMAIN.md §1.2).
      const date =
        options.trigger?.type === kind
          ? options.trigger.heldOn
          : kind === 'STRATEGY'
            ? enquiryStart(history, options.before)
            : latestPlanConference(history, options.before);
      return date ? { date, words: ANCHOR_WORDS[kind] } : undefined;
    }
    case 'ENTERED_CARE':
      return history.enteredCareOn ? { date: history.enteredCareOn, words: ANCHOR_WORDS[kind] } : undefined;
    case 'CP_PLAN_STARTED':
      return history.cpPlanStartedOn ? { date: history.cpPlanStartedOn, words: ANCHOR_WORDS[kind] } : undefined;
    case 'PREVIOUS_SAME_TYPE': {
      const date = cycle.previous.at(-1);
      const which = cycle.previous.length === 1 ? 'first' : 'previous';
      return date ? { date, words: `the ${which} ${lowerFirst(rules.label)}` } : undefined;
    }
  }
}

/**
 * The strategy discussion an ICPC counts from: "the strategy discussion at which section 47 enquiries were initiated"
 * (DOMAIN.md §1.2). Only discussions since the last ICPC count (an ICPC ends the cycle), and only those since the
 * last record saying ICPC_NOT_REQUIRED (the enquiry concluded with no conference needed: the CIN census's
 * ICPCnotRequired stops the clock). One whose record says NO_SECTION_47 never counts. Where a record says SECTION_47,
 * the earliest such; where none says, the earliest: a later discussion usually reviews an enquiry already begun.
 */
function enquiryStart(history: CaseHistory, onOrBefore: IsoDate | undefined): IsoDate | undefined {
  const lastConference = latestHeld(history, 'ICPC', onOrBefore);
  const since = history.meetings
    .filter(
      (m) =>
        m.type === 'STRATEGY' &&
        (!onOrBefore || m.heldOn <= onOrBefore) &&
        (!lastConference || m.heldOn > lastConference),
    )
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const concluded = since.findLastIndex((m) => m.outcome === ICPC_NOT_REQUIRED);
  const discussions = since.slice(concluded + 1).filter((m) => m.outcome !== 'NO_SECTION_47');
  return (discussions.find((m) => m.outcome === 'SECTION_47') ?? discussions[0])?.heldOn;
}

/** The outcome of a strategy discussion (or of one reviewing the enquiry) that says no ICPC is needed after all. */
const ICPC_NOT_REQUIRED = 'ICPC_NOT_REQUIRED';

/** The ICPC that review conferences and core groups count from: the latest, unless its record says NO_CP_PLAN. */
function latestPlanConference(history: CaseHistory, onOrBefore: IsoDate | undefined): IsoDate | undefined {
  const latest = history.meetings
    .filter((m) => m.type === 'ICPC' && (!onOrBefore || m.heldOn <= onOrBefore))
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
    .at(-1);
  return latest && latest.outcome !== 'NO_CP_PLAN' ? latest.heldOn : undefined;
}

/** The latest meeting of a type held on or before the day being judged (a core group may follow its ICPC the same day). */
function latestHeld(history: CaseHistory, type: MeetingType, onOrBefore: IsoDate | undefined): IsoDate | undefined {
  let latest: IsoDate | undefined;
  for (const m of history.meetings) {
    if (m.type === type && (!onOrBefore || m.heldOn <= onOrBefore) && (!latest || m.heldOn > latest)) latest = m.heldOn;
  }
  return latest;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
