import type { DueNext } from '../meeting-types/timescale-rules';
import type { IsoDate } from '../time/london';

/** One meeting of the case as the timeline lists it, with the outcome its record gives for this case. */
export interface TimelineMeeting {
  id: string;
  type: string;
  label: string;
  status: string;
  heldOn: IsoDate;
  startsAt: string;
  dueBy: IsoDate | null;
  withinTimescale: boolean | null;
  /** From a submitted record only: a draft's outcome is not yet an outcome. */
  outcome: string | null;
  recordStatus: string | null;
}

export interface CaseDates {
  enteredCareOn: IsoDate | null;
  ceasedLookedAfterOn: IsoDate | null;
  cpPlanStartedOn: IsoDate | null;
  cpPlanEndedOn: IsoDate | null;
}

/** A period the child was subject to a child protection plan, or looked after; `endedOn` null while it lasts. */
export interface Period {
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  /** `ICPC 2026-12-03`, `case date`: where the start and the end come from. */
  startedBy: string;
  endedBy: string | null;
}

export interface CaseTimeline {
  meetings: TimelineMeeting[];
  plans: Period[];
  care: Period[];
  nextDue: (DueNext & { label: string })[];
}

/** The outcome that puts a child on a plan, and the one that ends it (DOMAIN.md §1.5). */
const PLAN_STARTS = 'CP_PLAN';
const PLAN_ENDS = 'NO_CP_PLAN';

/**
 * A case's history as a chair or IRO reads it: the meetings in order, the plans (from the conferences' outcomes and
 * the case's own dates, whichever Quorum holds), the care episode, and what falls due next.
 */
export function caseTimeline(
  dates: CaseDates,
  meetings: TimelineMeeting[],
  nextDue: CaseTimeline['nextDue'],
): CaseTimeline {
  const ordered = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { meetings: ordered, plans: planPeriods(dates, ordered), care: carePeriods(dates), nextDue };
}

function planPeriods(dates: CaseDates, meetings: TimelineMeeting[]): Period[] {
  const periods: Period[] = [];
  let open: Period | null = dates.cpPlanStartedOn
    ? { startedOn: dates.cpPlanStartedOn, endedOn: null, startedBy: 'case date', endedBy: null }
    : null;
  const close = (on: IsoDate, by: string) => {
    if (!open) return;
    periods.push({ ...open, endedOn: on, endedBy: by });
    open = null;
  };
  for (const m of meetings.filter((x) => x.status === 'SCHEDULED' && x.outcome)) {
    if (open && open.startedOn > m.heldOn) continue; // before the plan the case's date names
    if (m.outcome === PLAN_STARTS && !open)
      open = { startedOn: m.heldOn, endedOn: null, startedBy: `${m.type} ${m.heldOn}`, endedBy: null };
    else if (m.outcome === PLAN_ENDS) close(m.heldOn, `${m.type} ${m.heldOn}`);
  }
  if (open && dates.cpPlanEndedOn && dates.cpPlanEndedOn >= open.startedOn) close(dates.cpPlanEndedOn, 'case date');
  if (open) periods.push(open);
  return periods;
}

function carePeriods(dates: CaseDates): Period[] {
  if (!dates.enteredCareOn) return [];
  const ended =
    dates.ceasedLookedAfterOn && dates.ceasedLookedAfterOn >= dates.enteredCareOn ? dates.ceasedLookedAfterOn : null;
  return [
    { startedOn: dates.enteredCareOn, endedOn: ended, startedBy: 'case date', endedBy: ended ? 'case date' : null },
  ];
}
