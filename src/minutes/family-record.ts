import type { MinutesRecord } from './minutes.dto';

/**
 * The family's copy of the record, built from an allow-list (DESIGN.md "What leaves the building"): every field
 * below is one a family member may read, and nothing else is ever copied from the professionals' record. It is
 * never the professionals' version with parts removed, so a field added to the record later stays out of it until
 * someone adds it here on purpose.
 *
 * What a family member reads: the meeting type and date, their child's case reference(s), the parts of the meeting
 * they were invited to (no other part's label or time), the family summary, and only the decisions, outcomes and
 * actions the chair marked "share with family" (owners by role and agency, never by name). Nothing about a person
 * they are kept apart from: an action that person owns is left out.
 */
export interface FamilyRecordView {
  typeLabel: string;
  heldOn: string;
  caseReferences: string[];
  sessions: { heading: string; when: string }[];
  familySummary: string;
  decisions: { text: string }[];
  outcomes: { reference: string; outcome: string }[];
  actions: { description: string; owner: string; dueOn: string }[];
  /** The child's own views, for this family member's children, where the chair shares them. */
  childViews: { reference: string; views: string }[];
  /** The parents' and wider family's views as recorded, where the chair shares them. */
  familyViews: { parents: string; widerFamily: string | null } | null;
  /** With a plan the chair shares: who leads it (role and agency) and the dates the conference set. */
  plan: { leadPractitioner: string; firstCoreGroupOn: string; reviewConferenceOn: string } | null;
}

export interface FamilyRecordInput {
  typeLabel: string;
  heldOn: string;
  record: MinutesRecord;
  /** The meeting's cases; `childCaseIds` narrows them to this family member's children where known. */
  cases: { id: string; reference: string }[];
  childCaseIds?: string[] | null;
  /** The parts this family member was invited to, in order, with their times already formatted. */
  ownSessions: { position: number; label: string | null; when: string }[];
  sessionCount: number;
  /** Action owners: role in this meeting (or none) and agency name; family owners carry no agency. */
  owners: Map<string, { role: string | null; agency: string | null; family: boolean }>;
  /** People this family member is kept apart from. */
  keptApartFrom: Set<string>;
  formatDate: (date: string) => string;
}

const words = (code: string) => code.replace(/_/g, ' ').toLowerCase();

export function familyRecord(input: FamilyRecordInput): FamilyRecordView {
  const { record } = input;
  const children = input.childCaseIds?.length
    ? input.cases.filter((c) => input.childCaseIds!.includes(c.id))
    : input.cases;
  const childIds = new Set(children.map((c) => c.id));
  return {
    typeLabel: input.typeLabel,
    heldOn: input.heldOn,
    caseReferences: children.map((c) => c.reference),
    sessions: input.ownSessions.map((s) => ({
      heading:
        input.sessionCount > 1 ? `Part ${s.position + 1}${s.label ? `: ${s.label}` : ''}` : (s.label ?? 'The meeting'),
      when: s.when,
    })),
    familySummary: record.familySummary ?? '',
    decisions: (record.decisions ?? []).filter((d) => d.shareWithFamily === true).map((d) => ({ text: d.text })),
    outcomes: (record.outcomes ?? [])
      .filter((o) => o.shareWithFamily === true && childIds.has(o.caseId))
      .map((o) => ({ reference: children.find((c) => c.id === o.caseId)!.reference, outcome: words(o.outcome) })),
    actions: (record.actions ?? [])
      .filter((a) => a.shareWithFamily === true && !input.keptApartFrom.has(a.ownerPersonId))
      .map((a) => ({
        description: a.description,
        owner: ownerLabel(input.owners.get(a.ownerPersonId)),
        dueOn: input.formatDate(a.dueOn),
      })),
    childViews: (record.childViews ?? [])
      .filter((v) => v.shareWithFamily === true && childIds.has(v.caseId))
      .map((v) => ({ reference: children.find((c) => c.id === v.caseId)!.reference, views: v.views })),
    familyViews:
      record.familyViews?.shareWithFamily === true
        ? { parents: record.familyViews.parents, widerFamily: record.familyViews.widerFamily ?? null }
        : null,
    plan:
      record.plan?.shareWithFamily === true
        ? {
            leadPractitioner: ownerLabel(input.owners.get(record.plan.leadPractitionerPersonId)),
            firstCoreGroupOn: input.formatDate(record.plan.firstCoreGroupOn),
            reviewConferenceOn: input.formatDate(record.plan.reviewConferenceOn),
          }
        : null,
  };
}

/** "Social worker, Northshire Children's Services"; a family owner is "Parent" (or "Family member"), never a name. */
function ownerLabel(owner: { role: string | null; agency: string | null; family: boolean } | undefined): string {
  if (!owner) return 'A professional';
  const role = owner.role
    ? words(owner.role).replace(/^./, (c) => c.toUpperCase())
    : owner.family
      ? 'Family member'
      : 'A professional';
  return owner.family || !owner.agency ? role : `${role}, ${owner.agency}`;
}
