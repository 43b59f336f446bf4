import { HttpStatus, Injectable } from '@nestjs/common';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';
import { ReportsRepository } from './reports.repository';

export interface MaracFigures {
  from: string;
  to: string;
  /** Victims' cases heard (a case heard at two MARACs counts twice, as SafeLives counts them). */
  casesHeard: number;
  /** Heard again within 12 months of an earlier hearing. */
  repeats: number;
  repeatPercent: number | null;
  childrenInHouseholds: number;
  referralsByAgency: { agency: string; referrals: number }[];
  referralsByCriteria: { criteria: string; referrals: number }[];
}

/**
 * The figures a MARAC coordinator reads (SafeLives' MARAC data form): cases heard, repeats, referrals by agency and
 * by criteria. The meetings counted are those whose records take referral data (the rules table's `referralFor`),
 * the cases those of the kinds referred. Referral data is counted from submitted records only.
 */
@Injectable()
export class MaracReport {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly rules: MeetingRules,
  ) {}

  /**
   * Only those who coordinate these meetings read their figures: the type's coordinators from the rules table, not
   * ADMIN by virtue of being ADMIN (MARAC is a compartment: MARAC_ACCESS leaves ADMIN out too).
   */
  assertReader(user: StaffUser): void {
    const readers = this.readers();
    if (!this.mayRead(user))
      throw new Problem(HttpStatus.FORBIDDEN, `MARAC figures are read by ${[...new Set(readers)].join(' or ')}`);
  }

  mayRead(user: StaffUser): boolean {
    const readers = this.readers();
    return user.roles.some((role) => readers.includes(role));
  }

  private readers(): string[] {
    return this.types().flatMap((t) => this.rules.of(t).access.coordinatorRoles);
  }

  private types(): MeetingType[] {
    return MEETING_TYPES.filter((t) => this.rules.of(t).record.referralFor.length > 0);
  }

  async figures(from: string, to: string): Promise<MaracFigures> {
    const types = this.types();
    const kinds = [...new Set(types.flatMap((t) => this.rules.of(t).record.referralFor))];
    const heard = await this.repository.maracHeard(from, to, types, kinds);
    const referrals = await this.repository.maracReferrals(from, to, types);
    return {
      from,
      to,
      casesHeard: heard.cases,
      repeats: heard.repeats,
      repeatPercent: heard.cases ? Math.round((heard.repeats / heard.cases) * 1000) / 10 : null,
      childrenInHouseholds: referrals.reduce((sum, r) => sum + r.children, 0),
      referralsByAgency: tally(referrals.map((r) => r.agency ?? 'Unknown agency')).map(([agency, n]) => ({
        agency,
        referrals: n,
      })),
      referralsByCriteria: tally(referrals.map((r) => r.criteria)).map(([criteria, n]) => ({ criteria, referrals: n })),
    };
  }
}

/** Counts by value, most first, then alphabetically. */
function tally(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const CRITERIA_LABELS: Record<string, string> = {
  VISIBLE_HIGH_RISK: 'Visible high risk (DASH 14 or more)',
  ESCALATION: 'Escalation',
  PROFESSIONAL_JUDGEMENT: 'Professional judgement',
};

/** The figures as the reports page shows them: labelled, the repeat rate as a percentage. */
export function maracPageContext(figures: MaracFigures) {
  return {
    casesHeard: figures.casesHeard,
    repeats: figures.repeats,
    repeatPercent: figures.repeatPercent === null ? '–' : `${figures.repeatPercent}%`,
    childrenInHouseholds: figures.childrenInHouseholds,
    referralsByAgency: figures.referralsByAgency,
    referralsByCriteria: figures.referralsByCriteria.map((c) => ({
      criteria: CRITERIA_LABELS[c.criteria] ?? c.criteria,
      referrals: c.referrals,
    })),
  };
}
