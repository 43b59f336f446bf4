import type { IsoDate } from '../time/london';
import { addWeeks } from '../time/working-days';

const dayNumberOf = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The Public Law Outline's pre-proceedings tracker: from the letter before proceedings, the pre-proceedings period
 * should normally end within 16 weeks (Public Law Working Group 2023), by a PLO meeting deciding to issue
 * proceedings or to step down. Pure: the case's letter date, its PLO meetings and today.
 */
export const PRE_PROCEEDINGS_WEEKS = 16;

/** PLO outcomes that end the pre-proceedings period (the rules table's PLO outcomes; CONTINUE_PRE_PROCEEDINGS does not). */
const ENDING_OUTCOMES: readonly string[] = ['ISSUE_PROCEEDINGS', 'STEP_DOWN'];

export interface PreProceedings {
  letterOn: IsoDate;
  /** 16 weeks after the letter. */
  endsBy: IsoDate;
  /** Whole weeks from the letter to today, or to the end where it ended. */
  week: number;
  /** PLO meetings held since the letter (the pre-proceedings meeting, then the reviews). */
  meetingsHeld: number;
  ended: { on: IsoDate; outcome: string } | null;
  overdue: boolean;
}

export function preProceedings(
  letterOn: IsoDate | null,
  ploMeetings: { heldOn: IsoDate; outcome: string | null }[],
  today: IsoDate,
): PreProceedings | null {
  if (!letterOn) return null;
  const since = ploMeetings
    .filter((m) => m.heldOn >= letterOn && m.heldOn <= today)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const ending = since.find((m) => m.outcome && ENDING_OUTCOMES.includes(m.outcome));
  const endsBy = addWeeks(letterOn, PRE_PROCEEDINGS_WEEKS);
  const upTo = ending?.heldOn ?? today;
  return {
    letterOn,
    endsBy,
    week: Math.floor((dayNumberOf(upTo) - dayNumberOf(letterOn)) / 7),
    meetingsHeld: since.length,
    ended: ending ? { on: ending.heldOn, outcome: ending.outcome! } : null,
    overdue: !ending && today > endsBy,
  };
}
