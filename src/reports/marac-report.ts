import { HttpStatus, Injectable } from '@nestjs/common';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: MeetingRules,
  ) {}

  /**
   * Only those who coordinate these meetings read their figures: the type's coordinators from the rules table, not
   * ADMIN by virtue of being ADMIN (MARAC is a compartment: MARAC_ACCESS leaves ADMIN out too).
   */
  assertReader(user: StaffUser): void {
    const readers = this.types().flatMap((t) => this.rules.of(t).access.coordinatorRoles);
    if (!user.roles.some((role) => readers.includes(role)))
      throw new Problem(HttpStatus.FORBIDDEN, `MARAC figures are read by ${[...new Set(readers)].join(' or ')}`);
  }

  private types(): MeetingType[] {
    return MEETING_TYPES.filter((t) => this.rules.of(t).record.referralFor.length > 0);
  }

  async figures(from: string, to: string): Promise<MaracFigures> {
    const types = this.types();
    const kinds = [...new Set(types.flatMap((t) => this.rules.of(t).record.referralFor))];
    // Served by meetings' type/held_on and meeting_cases' case index; an earlier hearing is looked up per case heard.
    const [heard]: { cases: number; repeats: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS cases,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM meeting_cases pc JOIN meetings pm ON pm.id = pc.meeting_id
                 WHERE pc.case_id = mc.case_id AND pm.type = m.type AND pm.status = 'SCHEDULED'
                   AND pm.held_on < m.held_on AND pm.held_on >= (m.held_on - interval '12 months')::date))::int AS repeats
         FROM meetings m JOIN meeting_cases mc ON mc.meeting_id = m.id JOIN cases c ON c.id = mc.case_id
        WHERE m.type = ANY($3::text[]) AND m.status = 'SCHEDULED' AND m.held_on BETWEEN $1::date AND $2::date AND c.kind = ANY($4::text[])`,
      [from, to, types, kinds],
    );
    const referrals: { agency: string | null; criteria: string; children: number }[] = await this.dataSource.query(
      `SELECT a.name AS agency, ref->>'criteria' AS criteria, coalesce((ref->>'childrenInHousehold')::int, 0) AS children
         FROM meetings m JOIN minutes r ON r.meeting_id = m.id
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(r.record->'referrals', '[]'::jsonb)) ref
         LEFT JOIN agencies a ON a.id::text = ref->>'referringAgencyId'
        WHERE m.type = ANY($3::text[]) AND m.status = 'SCHEDULED' AND r.status <> 'DRAFT' AND m.held_on BETWEEN $1::date AND $2::date`,
      [from, to, types],
    );
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
