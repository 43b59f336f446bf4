import type { StaffRole } from '../auth/staff-user';
import type { CaseKind } from '../meeting-types/codes';
import { MeetingAccess, MeetingRelation, MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';

/**
 * Who may see and change what: pure functions over the meeting-type table's `access` rules (DESIGN.md "Deny by
 * default"), used by the one `AccessPolicy` for single meetings and for the SQL that filters every list.
 */

export type MeetingNeed = 'see' | 'change';

/** What one member of staff is to one meeting. */
export interface MeetingFacts {
  isChair: boolean;
  isBooker: boolean;
  isInvited: boolean;
}

/** The relations a member of staff with these roles has to a meeting of this type. */
export function relationsTo(
  access: MeetingAccess,
  roles: readonly StaffRole[],
  facts: MeetingFacts,
): Set<MeetingRelation> {
  const relations = new Set<MeetingRelation>();
  if (facts.isChair) relations.add('CHAIR');
  if (facts.isBooker) relations.add('BOOKER');
  if (facts.isInvited) relations.add('INVITED');
  if (roles.some((role) => access.coordinatorRoles.includes(role))) relations.add('COORDINATOR');
  return relations;
}

export function may(access: MeetingAccess, need: MeetingNeed, relations: ReadonlySet<MeetingRelation>): boolean {
  return access[need].some((relation) => relations.has(relation));
}

/**
 * For the SQL of a list: the meeting types this member of staff sees every meeting of (coordinated), and those they
 * see a meeting of when they chair it, booked it or are invited to it.
 */
export interface Visibility {
  everyMeetingOf: MeetingType[];
  asChair: MeetingType[];
  asBooker: MeetingType[];
  asInvited: MeetingType[];
  /** Case kinds whose every case this member of staff may look up: those of the types they coordinate. */
  everyCaseOf: CaseKind[];
  /** Whether they coordinate a type that invites families, and so may look up any family member. */
  everyFamilyMember: boolean;
}

export function visibility(
  table: Readonly<Record<MeetingType, MeetingTypeRules>>,
  roles: readonly StaffRole[],
  need: MeetingNeed = 'see',
): Visibility {
  const rows = Object.values(table);
  const coordinated = rows.filter((r) => roles.some((role) => r.access.coordinatorRoles.includes(role)));
  const by = (relation: MeetingRelation) => rows.filter((r) => r.access[need].includes(relation)).map((r) => r.type);
  return {
    everyMeetingOf: coordinated.filter((r) => r.access[need].includes('COORDINATOR')).map((r) => r.type),
    asChair: by('CHAIR'),
    asBooker: by('BOOKER'),
    asInvited: by('INVITED'),
    everyCaseOf: [...new Set(coordinated.flatMap((r) => r.caseKinds))],
    everyFamilyMember: coordinated.some((r) => r.familyMayAttend),
  };
}

/** Whether these roles may book a meeting of this type. */
export function mayBook(access: MeetingAccess, roles: readonly StaffRole[]): boolean {
  return roles.some((role) => access.bookerRoles.includes(role));
}
