import { atLondonWallClock, IsoDate, isWallClockTime, londonDateOf } from '../time/london';
import { addCalendarMonths, addWeeks, WorkingDayCalendar } from '../time/working-days';
import {
  MEETING_TYPES,
  MeetingType,
  MeetingTypeRules,
  TimescaleAnchor,
  TimescaleRule,
  TimescaleStep,
} from './meeting-types';

/*
 * Statutory due dates and pre-read deadlines: pure functions over the rules table and what Quorum holds about a case.
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

export interface StatutoryDue {
  dueBy: IsoDate;
  /** `15 working days after the strategy discussion on 2026-12-01` */
  basis: string;
}

export interface DueNext extends StatutoryDue {
  type: MeetingType;
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

const UNIT_WORDS: Record<TimescaleStep['unit'], [string, string]> = {
  WORKING_DAYS: ['working day', 'working days'],
  WEEKS: ['week', 'weeks'],
  MONTHS: ['month', 'months'],
};

interface Anchor {
  date: IsoDate;
  words: string;
}

/** Where a case is in a type's cycle: when the cycle began and the meetings of the type held since. */
interface Cycle {
  startedOn: IsoDate | undefined;
  previous: IsoDate[];
  /** A meeting since the cycle began recorded an outcome that ends it (a conference deciding no plan). */
  ended: boolean;
}

/**
 * The latest date the next meeting of this type about a case may be held to be within its statutory timescale,
 * and why; null when the type has no timescale or the case has nothing to count from (no strategy discussion, no
 * ICPC or plan start, no date of entering care).
 */
export function statutoryDueBy(
  rules: MeetingTypeRules,
  history: CaseHistory,
  calendar: WorkingDayCalendar,
  options: DueOptions = {},
): StatutoryDue | null {
  if (!rules.timescale) return null;
  const cycle = cycleOf(rules, rules.timescale, history, options);
  if (cycle.ended) return null;
  const step = stepFor(rules.timescale, cycle.previous.length);
  const anchor = latestAnchor(step.after, rules, history, options, cycle);
  if (!anchor) return null;
  const [one, many] = UNIT_WORDS[step.unit];
  return {
    dueBy: countFrom(anchor.date, step, calendar),
    basis: `${step.amount} ${step.amount === 1 ? one : many} after ${anchor.words} on ${anchor.date}`,
  };
}

/** A sibling group's meeting is due by the earliest of its children's dates. */
export function earliestDueBy(results: readonly (StatutoryDue | null)[]): StatutoryDue | null {
  let earliest: StatutoryDue | null = null;
  for (const result of results) if (result && (!earliest || result.dueBy < earliest.dueBy)) earliest = result;
  return earliest;
}

/** Held on or before the due date; null when there is no statutory timescale to measure against. */
export function isWithinTimescale(dueBy: IsoDate | null, heldOn: IsoDate): boolean | null {
  return dueBy === null ? null : heldOn <= dueBy;
}

/**
 * When pre-reads are due. HOURS_BEFORE counts real elapsed hours (48 hours before 10:00 BST on a Monday after the
 * clocks go forward is 09:00 GMT on the Saturday). LONDON_TIME_ON_DAY is that London wall-clock time on the London
 * date of the first session (MARAC research by 10:00 on the day: 09:00Z in summer, 10:00Z in winter); for a meeting
 * starting at or before that time, the same time on the previous working day where the rule says so (MARAC), else
 * the start. AT_START is the start itself.
 *
 * A deadline never lies in the past when it is set: a meeting booked (or moved) inside its window, `bookedAt` after
 * the rule's deadline, has its pre-reads due at its start, so nothing is late and no pack goes out empty at once.
 */
export function preReadDeadline(
  rules: MeetingTypeRules,
  firstSessionStartsAt: Date,
  calendar: WorkingDayCalendar,
  bookedAt?: Date,
): Date {
  const deadline = ruleDeadline(rules.preRead, firstSessionStartsAt, calendar);
  return bookedAt && deadline < bookedAt ? new Date(firstSessionStartsAt.getTime()) : deadline;
}

function ruleDeadline(
  rule: MeetingTypeRules['preRead'],
  firstSessionStartsAt: Date,
  calendar: WorkingDayCalendar,
): Date {
  const noLaterThanTheStart = (deadline: Date) =>
    deadline < firstSessionStartsAt ? deadline : new Date(firstSessionStartsAt.getTime());
  switch (rule.kind) {
    case 'AT_START':
      return new Date(firstSessionStartsAt.getTime());
    case 'HOURS_BEFORE':
      return new Date(firstSessionStartsAt.getTime() - rule.hours * 3_600_000);
    case 'LONDON_TIME_ON_DAY': {
      const day = londonDateOf(firstSessionStartsAt);
      const onTheDay = londonTimeOnDay(day, rule.time);
      // A MARAC at 09:30 would have its research due at its start, leaving no time to read it: the previous working day's 10:00.
      if (onTheDay >= firstSessionStartsAt && rule.earlyStart === 'PREVIOUS_WORKING_DAY')
        return londonTimeOnDay(calendar.addWorkingDays(day, -1), rule.time);
      return noLaterThanTheStart(onTheDay);
    }
    case 'WORKING_DAYS_BEFORE':
      return noLaterThanTheStart(
        londonTimeOnDay(calendar.addWorkingDays(londonDateOf(firstSessionStartsAt), -rule.days), rule.time),
      );
  }
}

/**
 * What is due next for a case: each type whose timescale has something to count from and whose next meeting has
 * not been held, earliest first. After an ICPC: the first core group and the first RCPC; after entering care with
 * no review yet: LAC review 1.
 */
export function nextDue(
  table: Record<MeetingType, MeetingTypeRules>,
  history: CaseHistory,
  calendar: WorkingDayCalendar,
): DueNext[] {
  const due: DueNext[] = [];
  for (const type of MEETING_TYPES) {
    const rules = table[type];
    if (!rules.timescale) continue;
    // A type with only a first step (the ICPC) needs one meeting a cycle: once held, nothing more is due.
    const repeats = Boolean(rules.timescale.second ?? rules.timescale.later);
    const cycle = cycleOf(rules, rules.timescale, history, {});
    if (cycle.ended || (!repeats && cycle.previous.length > 0)) continue;
    const result = statutoryDueBy(rules, history, calendar);
    if (result) due.push({ type, ...result });
  }
  return due.sort(
    (a, b) => a.dueBy.localeCompare(b.dueBy) || MEETING_TYPES.indexOf(a.type) - MEETING_TYPES.indexOf(b.type),
  );
}

/**
 * A cycle begins at the first step's anchor: the latest strategy discussion for an ICPC, the latest ICPC (or plan
 * start) for review conferences and core groups, entering care for LAC reviews. Meetings of the type from an
 * earlier plan or care episode do not count towards this one.
 */
function cycleOf(rules: MeetingTypeRules, rule: TimescaleRule, history: CaseHistory, options: DueOptions): Cycle {
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

/** `first` with no earlier meeting in the cycle, `second` with one, `later` with more. */
function stepFor(rule: TimescaleRule, previousInCycle: number): TimescaleStep {
  if (previousInCycle === 0) return rule.first;
  if (previousInCycle === 1) return rule.second ?? rule.later ?? rule.first;
  return rule.later ?? rule.second ?? rule.first;
}

/** The most recent of the anchors the case has; on a tie, the one listed first. */
function latestAnchor(
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

function countFrom(from: IsoDate, step: TimescaleStep, calendar: WorkingDayCalendar): IsoDate {
  switch (step.unit) {
    // Day 0 is the anchor; a non-working anchor ranks as the working day before it (DOMAIN.md §5).
    case 'WORKING_DAYS':
      return calendar.addWorkingDays(from, step.amount);
    // Weeks and months can land on a weekend or bank holiday. The due date then moves back to the working day
    // before: the CIN census queries a target date at a weekend (rule 8870Q), and an earlier date is still "within".
    case 'WEEKS':
      return calendar.workingDayOnOrBefore(addWeeks(from, step.amount));
    case 'MONTHS':
      return calendar.workingDayOnOrBefore(addCalendarMonths(from, step.amount));
  }
}

/** A London wall-clock time on a date; in the hour the clocks skip, the moment they go forward (02:00 BST). */
function londonTimeOnDay(date: IsoDate, time: string): Date {
  if (!isWallClockTime(time)) throw new RangeError(`${time} is not a time (HH:mm)`);
  try {
    return atLondonWallClock(date, time);
  } catch (error) {
    if (error instanceof RangeError) return atLondonWallClock(date, '02:00');
    throw error;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
