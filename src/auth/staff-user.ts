export const STAFF_ROLES = ['ADMIN', 'COORDINATOR', 'CHAIR', 'IRO', 'MARAC_COORDINATOR', 'SOCIAL_WORKER', 'VIEWER'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in member of staff, from a verified bearer token. */
export interface StaffUser {
  /** Stable subject of the token; recorded as the actor in the audit trail. */
  id: string;
  name: string | null;
  email: string | null;
  roles: StaffRole[];
}
