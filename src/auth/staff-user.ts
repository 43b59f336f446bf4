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

/** The staff user a verified token names: its subject, name, email and the roles Quorum knows; null without either. */
export function staffUserFrom(claims: { sub?: string; name?: unknown; email?: unknown }, claimedRoles: unknown): StaffUser | null {
  const list = Array.isArray(claimedRoles) ? claimedRoles : typeof claimedRoles === 'string' ? claimedRoles.split(/[\s,]+/) : [];
  const roles = list.map((r) => String(r).toUpperCase()).filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r));
  if (!claims.sub || roles.length === 0) return null;
  return {
    id: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : null,
    email: typeof claims.email === 'string' ? claims.email : null,
    roles,
  };
}
