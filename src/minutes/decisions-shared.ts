import type { MinutesRecord } from './minutes.dto';

/**
 * When the decisions were made known (issue 18): the first time the chair marks the decisions section final with at
 * least one decision in it, or, failing that, when the record carrying them is distributed. It never moves once set:
 * "decisions on time" is measured by it, separately from the full record's own timeliness.
 */
export function decisionsSharedAt(
  current: Date | null,
  record: MinutesRecord,
  now: Date,
  distributing = false,
): Date | null {
  if (current) return current;
  const decided = (record.decisions?.length ?? 0) > 0;
  return decided && (record.decisionsFinal === true || distributing) ? now : null;
}
