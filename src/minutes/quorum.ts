export interface QuorumAssessment {
  quorate: boolean;
  localAuthorityPresent: boolean;
  otherAgencies: string[];
  explanation: string;
}

/** The rules table's quorum rule (`MeetingTypeRules.quorum`). */
export interface QuorumRule {
  localAuthorityPlusOtherAgencies: number;
  /** Participant roles that are children's social care for the count: the allocated social worker or their manager. */
  childrensSocialCareRoles: readonly string[];
}

/** Who was there for the count: their agency and its kind, the role they came in, and whether they chaired. */
export interface AttendingAgency {
  agencyId: string | null;
  kind: string | null;
  role: string;
  isChair: boolean;
}

/**
 * Working Together / local procedures: a conference is quorate with children's social care plus at least two other
 * agencies or disciplines that know the family (DOMAIN.md §2). The chair never counts: an independent chair is
 * employed by the council but is not its voice in the room; children's social care is the allocated social worker or
 * their manager (the roles the rule names), not any council employee. Health counts as one however many health
 * bodies attend (Guernsey); other agencies count one each, so two voluntary organisations are two. Someone with no
 * agency adds none.
 */
export function assessQuorum(rule: QuorumRule, attending: AttendingAgency[]): QuorumAssessment {
  const counted = attending.filter((a) => !a.isChair);
  const localAuthorityPresent = counted.some((a) => rule.childrensSocialCareRoles.includes(a.role));
  const others = new Map<string, string>(); // counted as → shown as
  for (const { agencyId, kind } of counted) {
    if (!agencyId || !kind || kind === 'LOCAL_AUTHORITY') continue;
    others.set(kind === 'HEALTH' ? 'HEALTH' : agencyId, kind);
  }
  const otherAgencies = [...others.values()].sort();
  const quorate = localAuthorityPresent && otherAgencies.length >= rule.localAuthorityPlusOtherAgencies;
  const explanation = quorate
    ? `children's social care and ${otherAgencies.length} other agencies attended`
    : `${localAuthorityPresent ? "children's social care" : "no children's social care (the allocated social worker or their manager; the chair does not count)"} and ${otherAgencies.length} other agenc${otherAgencies.length === 1 ? 'y' : 'ies'} attended; ${rule.localAuthorityPlusOtherAgencies} are needed`;
  return { quorate, localAuthorityPresent, otherAgencies, explanation };
}
