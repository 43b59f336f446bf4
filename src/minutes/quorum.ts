export interface QuorumAssessment {
  quorate: boolean;
  localAuthorityPresent: boolean;
  otherAgencies: string[];
  explanation: string;
}

/**
 * Working Together / local procedures: a conference is quorate with children's social care plus at least
 * two other agencies or disciplines (health counts as one, so agencies are counted by kind).
 */
export function assessQuorum(rule: { localAuthorityPlusOtherAgencies: number }, attendingAgencyKinds: (string | null)[]): QuorumAssessment {
  const localAuthorityPresent = attendingAgencyKinds.includes('LOCAL_AUTHORITY');
  const otherAgencies = [...new Set(attendingAgencyKinds.filter((k): k is string => Boolean(k) && k !== 'LOCAL_AUTHORITY'))].sort();
  const quorate = localAuthorityPresent && otherAgencies.length >= rule.localAuthorityPlusOtherAgencies;
  const explanation = quorate
    ? `children's social care and ${otherAgencies.length} other agencies attended`
    : `${localAuthorityPresent ? "children's social care" : "no children's social care"} and ${otherAgencies.length} other agenc${otherAgencies.length === 1 ? 'y' : 'ies'} attended; ${rule.localAuthorityPlusOtherAgencies} are needed`;
  return { quorate, localAuthorityPresent, otherAgencies, explanation };
}
