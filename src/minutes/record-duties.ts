import type { StaffUser } from '../auth/staff-user';

/**
 * Separation of duties on the record (issue 16): the record belongs to the meeting's chair, who may name a
 * minute-taker; it is approved by someone holding the type's approver role who neither wrote nor amended it.
 * Pure: each returns why the caller may not, or null.
 */

export function recordKeeperProblem(
  user: StaffUser,
  meeting: { chairId: string; minuteTakerId: string | null },
): string | null {
  if (user.id === meeting.chairId || (meeting.minuteTakerId !== null && user.id === meeting.minuteTakerId)) return null;
  return 'Only the chair of the meeting, or the minute-taker the chair names, writes and submits its record';
}

export function hasRole(user: StaffUser, roles: readonly string[]): boolean {
  return user.roles.includes('ADMIN') || user.roles.some((role) => roles.includes(role));
}

/** Approval: the approver role, and a person other than whoever wrote, submitted or amended this version. */
export function approvalProblem(
  user: StaffUser,
  approverRoles: readonly string[],
  writers: readonly (string | null)[],
): string | null {
  if (!hasRole(user, approverRoles)) return `The record is approved by ${approverRoles.join(' or ')}`;
  if (writers.includes(user.id))
    return 'The record is approved by someone other than the person who wrote or amended it';
  return null;
}

/** An amendment to an approved record: only by the approver role (it then goes back for approval). */
export function amendmentProblem(user: StaffUser, approverRoles: readonly string[]): string | null {
  return hasRole(user, approverRoles) ? null : `An approved record is amended by ${approverRoles.join(' or ')}`;
}
