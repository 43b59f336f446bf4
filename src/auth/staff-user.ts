export const STAFF_ROLES = [
  'ADMIN',
  'COORDINATOR',
  'CHAIR',
  'IRO',
  'MARAC_COORDINATOR',
  'SOCIAL_WORKER',
  'VIEWER',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in member of staff: a person in the directory, acting with the roles their token grants. */
export interface StaffUser {
  /** The person's id (`people.id`); recorded as the actor in the audit trail, with their name at the time. */
  id: string;
  name: string | null;
  email: string | null;
  roles: StaffRole[];
}

/** What a verified token says about its bearer, before it is matched to a person. */
export interface StaffClaims {
  /** `local` for Quorum's own tokens, else the identity provider's issuer URL. */
  issuer: string;
  /** The token's `sub`: for a local token the id its person has (or will be given on first use). */
  subject: string;
  name: string | null;
  email: string | null;
  /** Whether the issuer vouches for the email (OIDC `email_verified`); only a verified email links an existing person. */
  emailVerified: boolean;
  roles: StaffRole[];
}

/** The roles Quorum knows among those a token claims (a list, or a space- or comma-separated string). */
export function staffRolesFrom(claimedRoles: unknown): StaffRole[] {
  const list = Array.isArray(claimedRoles)
    ? claimedRoles
    : typeof claimedRoles === 'string'
      ? claimedRoles.split(/[\s,]+/)
      : [];
  return list
    .map((r) => String(r).toUpperCase())
    .filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r));
}

/** The claims of a verified token: its subject, name, email and the roles Quorum knows; null without a subject or a role. */
export function staffClaimsFrom(
  issuer: string,
  claims: { sub?: string; name?: unknown; email?: unknown; email_verified?: unknown },
  claimedRoles: unknown,
): StaffClaims | null {
  const roles = staffRolesFrom(claimedRoles);
  if (!claims.sub || roles.length === 0) return null;
  return {
    issuer,
    subject: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : null,
    email: typeof claims.email === 'string' ? claims.email : null,
    emailVerified: claims.email_verified === true,
    roles,
  };
}
