import { BOOKERS } from '../auth/roles.decorator';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';

/** What the people and cases pages share: who may change the directory, and how a refusal reads on the form. */

/** Who may add and change people and cases (as POST and PATCH /api/people and /api/cases allow). */
export const CHANGERS = [...BOOKERS, 'SOCIAL_WORKER' as const];

export function mayChange(user: StaffUser): boolean {
  return user.roles.some((role) => role === 'ADMIN' || CHANGERS.includes(role));
}

export const STALE_DETAILS = 'Someone changed these details after you opened this page. Check them and save again';

/** A refusal the form can show beside a field (bad input, a conflict, a staff member's details); anything else is thrown on. */
export function problemStatus(error: unknown): number {
  if (error instanceof Problem && [400, 403, 409, 412, 422].includes(error.getStatus())) return error.getStatus();
  throw error;
}

/** An API message ("no agency has this id") as a sentence for the page. */
export function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : 'This could not be saved';
}
