import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { StaffRole, StaffUser } from './staff-user';

export const ROLES_KEY = 'quorum:roles';

/** The roles allowed to call a staff endpoint (ADMIN always may). Without it, any signed-in role may. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** Every staff role. What each member of staff then sees is the access policy's (src/access): what they have a part in. */
export const ANY_STAFF: StaffRole[] = ['COORDINATOR', 'CHAIR', 'IRO', 'MARAC_COORDINATOR', 'SOCIAL_WORKER', 'VIEWER'];
/** Every role but the read-only viewer: those who write records and act on them. */
export const STAFF_WHO_WRITE: StaffRole[] = ANY_STAFF.filter((role) => role !== 'VIEWER');
/** Roles that book and change meetings. */
export const BOOKERS: StaffRole[] = ['COORDINATOR', 'CHAIR', 'IRO', 'MARAC_COORDINATOR'];

export type AuthenticatedRequest = Request & { user?: StaffUser };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): StaffUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without the staff guard');
  return user;
});
