import { atLondonWallClock, IsoDate, isWallClockTime, londonDateOf } from '../time/london';
import { addCalendarMonths, addWeeks, WorkingDayCalendar } from '../time/working-days';
import { MEETING_TYPES, MeetingType, MeetingTypeRules, TimescaleRule, TimescaleStep } from './meeting-types';
import { CaseHistory, cycleOf, DueOptions, latestAnchor } from './timescale-cycle';

export type { CaseHistory, DueOptions, HeldMeeting } from './timescale-cycle';

/*
 * Statutory due dates and pre-read deadlines: pure functions over the rules table and what Quorum holds about a case.
 */

export interface StatutoryDue {
  dueBy: IsoDate;
  /** `15 working days after the strategy discussion on 2026-12-01` */
  basis: string;
}

export interface DueNext extends StatutoryDue {
  type: MeetingType;
}

const UNIT_WORDS: Record<TimescaleStep['unit'], [string, string]> = {
  WORKING_DAYS: ['working day', 'working days'],
  WEEKS: ['week', 'weeks'],
  MONTHS: ['month', 'months'],
};

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

/** `first` with no earlier meeting in the cycle, `second` with one, `later` with more. */
function stepFor(rule: TimescaleRule, previousInCycle: number): TimescaleStep {
  if (previousInCycle === 0) return rule.first;
  if (previousInCycle === 1) return rule.second ?? rule.later ?? rule.first;
  return rule.later ?? rule.second ?? rule.first;
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
