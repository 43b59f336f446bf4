export interface QuorumAssessment {
  quorate: boolean;
  localAuthorityPresent: boolean;
  otherAgencies: string[];
  explanation: string;
}

/** Who was there for the count: their agency, and its kind. */
export interface AttendingAgency {
  agencyId: string | null;
  kind: string | null;
}

/**
 * Working Together / local procedures: a conference is quorate with children's social care plus at least two other
 * agencies or disciplines that know the family (DOMAIN.md §2). Health counts as one however many health bodies attend
 * (Guernsey); other agencies count one each, so two voluntary organisations are two. Someone with no agency adds none.
 */
export function assessQuorum(rule: { localAuthorityPlusOtherAgencies: number }, attending: AttendingAgency[]): QuorumAssessment {
  const localAuthorityPresent = attending.some((a) => a.kind === 'LOCAL_AUTHORITY');
  const others = new Map<string, string>(); // counted as → shown as
  for (const { agencyId, kind } of attending) {
    if (!agencyId || !kind || kind === 'LOCAL_AUTHORITY') continue;
    others.set(kind === 'HEALTH' ? 'HEALTH' : agencyId, kind);
  }
  const otherAgencies = [...others.values()].sort();
  const quorate = localAuthorityPresent && otherAgencies.length >= rule.localAuthorityPlusOtherAgencies;
  const explanation = quorate
    ? `children's social care and ${otherAgencies.length} other agencies attended`
    : `${localAuthorityPresent ? "children's social care" : "no children's social care"} and ${otherAgencies.length} other agenc${otherAgencies.length === 1 ? 'y' : 'ies'} attended; ${rule.localAuthorityPlusOtherAgencies} are needed`;
  return { quorate, localAuthorityPresent, otherAgencies, explanation };
}
