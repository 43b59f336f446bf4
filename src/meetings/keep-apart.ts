/** A keep-apart rule broken: both of its people are in the same session. */
export interface KeepApartBreach {
  ruleId: string;
  sessionIndex: number;
}

/**
 * Which rules the attendance would break. Pure, so booking, adding a participant and adding a rule all ask it.
 * The answer names the rule and the session, never the people (the message may reach a partner agency).
 */
export function keepApartBreaches(
  rules: { id: string; personIds: string[] }[],
  attendees: { personId: string; sessionIds: string[] }[],
  sessions: { id: string; position: number }[],
): KeepApartBreach[] {
  const breaches: KeepApartBreach[] = [];
  for (const rule of rules) {
    const [a, b] = rule.personIds.map(
      (personId) => new Set(attendees.filter((x) => x.personId === personId).flatMap((x) => x.sessionIds)),
    );
    for (const session of sessions) {
      if (a.has(session.id) && b.has(session.id)) breaches.push({ ruleId: rule.id, sessionIndex: session.position });
    }
  }
  return breaches;
}

export function describeBreaches(breaches: KeepApartBreach[]): string {
  return breaches.map((b) => `keep-apart rule ${b.ruleId} would be broken in session ${b.sessionIndex + 1}`).join('; ');
}
