import { atLondonWallClock, IsoDate, londonDateOf } from '../time/london';
import { addCalendarMonths, addWeeks, WorkingDayCalendar } from '../time/working-days';
import { MeetingType, MeetingTypeRules, TimescaleAnchor, TimescaleRule, TimescaleStep } from './meeting-types';

/** What Quorum holds about a case that timescales count from. */
export interface CaseHistory {
  enteredCareOn?: IsoDate | null;
  cpPlanStartedOn?: IsoDate | null;
  /** Earlier, not cancelled meetings of the case. */
  meetings: { type: MeetingType; heldOn: IsoDate }[];
}

export interface StatutoryDue {
  dueBy: IsoDate;
  basis: string;
}

const latest = (dates: IsoDate[]): IsoDate | undefined => [...dates].sort().at(-1);

/** Which step of the rule applies, by how many meetings of this type the case already had. */
function stepFor(rule: TimescaleRule, previousOfType: number): TimescaleStep {
  if (previousOfType === 0) return rule.first;
  if (previousOfType === 1) return rule.second ?? rule.later ?? rule.first;
  return rule.later ?? rule.second ?? rule.first;
}

function anchorDate(anchor: TimescaleAnchor, type: MeetingType, history: CaseHistory, before: IsoDate | undefined, trigger?: { type: MeetingType; heldOn: IsoDate }): IsoDate | undefined {
  const held = (t: MeetingType, strictly: boolean) =>
    latest(history.meetings.filter((m) => m.type === t && (!before || (strictly ? m.heldOn < before : m.heldOn <= before))).map((m) => m.heldOn));
  switch (anchor) {
    case 'STRATEGY':
    case 'ICPC':
      // Where more than one strategy discussion took place, count from the one the booking names (DOMAIN.md §1.2).
      if (trigger?.type === anchor) return trigger.heldOn;
      return held(anchor, false);
    case 'PREVIOUS_SAME_TYPE':
      return held(type, true);
    case 'ENTERED_CARE':
      return history.enteredCareOn ?? undefined;
    case 'CP_PLAN_STARTED':
      return history.cpPlanStartedOn ?? undefined;
  }
}

function count(step: TimescaleStep, from: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  switch (step.unit) {
    // Day 0 is the anchor (a non-working anchor ranks as the working day before it), DOMAIN.md §5.
    case 'WORKING_DAYS':
      return calendar.addWorkingDays(calendar.onOrBefore(from), step.amount);
    // "Not more than 3 months": calendar months clamped to the month end; a weekend or holiday result moves
    // back to the working day before, so it stays within (CIN census rule 8870Q queries weekend targets).
    case 'MONTHS':
      return calendar.onOrBefore(addCalendarMonths(from, step.amount));
    case 'WEEKS':
      return calendar.onOrBefore(addWeeks(from, step.amount));
  }
}

/** The statutory latest date for the next meeting of this type about a case, and why; null when no rule or no basis. */
export function statutoryDueBy(
  rules: MeetingTypeRules,
  history: CaseHistory,
  calendar: WorkingDayCalendar,
  options: { trigger?: { type: MeetingType; heldOn: IsoDate }; before?: IsoDate } = {},
): StatutoryDue | null {
  if (!rules.timescale) return null;
  const previous = history.meetings.filter((m) => m.type === rules.type && (!options.before || m.heldOn < options.before)).length;
  const step = stepFor(rules.timescale, previous);
  for (const anchor of step.after) {
    const from = anchorDate(anchor, rules.type, history, options.before, options.trigger);
    if (from) return { dueBy: count(step, from, calendar), basis: `${step.amount} ${step.basis} on ${from}` };
  }
  return null;
}

export function isWithinTimescale(dueBy: IsoDate | null, heldOn: IsoDate): boolean | null {
  return dueBy === null ? null : heldOn <= dueBy;
}

/** When reports must be in: a number of real hours before the first session, or a London time on its day. */
export function preReadDeadline(rules: MeetingTypeRules, firstSessionStartsAt: Date): Date {
  const rule = rules.preRead;
  if (rule.kind === 'HOURS_BEFORE') return new Date(firstSessionStartsAt.getTime() - rule.hours * 3_600_000);
  return atLondonWallClock(londonDateOf(firstSessionStartsAt), rule.time);
}

/** What is due next for a case: each type with a statutory rule and a basis, and by when. */
export function nextDue(table: Record<MeetingType, MeetingTypeRules>, history: CaseHistory, calendar: WorkingDayCalendar): ({ type: MeetingType } & StatutoryDue)[] {
  const due: ({ type: MeetingType } & StatutoryDue)[] = [];
  const lastOf = (type: MeetingType) => latest(history.meetings.filter((m) => m.type === type).map((m) => m.heldOn));
  for (const rules of Object.values(table)) {
    if (!rules.timescale) continue;
    // An ICPC is due only while the latest strategy discussion has not yet led to one.
    if (rules.timescale.first.after.includes('STRATEGY')) {
      const strategy = lastOf('STRATEGY');
      const icpc = lastOf(rules.type);
      if (!strategy || (icpc && icpc >= strategy)) continue;
    }
    const result = statutoryDueBy(rules, history, calendar);
    if (result) due.push({ type: rules.type, ...result });
  }
  return due.sort((a, b) => a.dueBy.localeCompare(b.dueBy));
}
