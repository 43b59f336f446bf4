import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problem } from '../http/problem';
import { IS_PUBLIC_KEY } from './public.decorator';
import { AuthenticatedRequest, ROLES_KEY } from './roles.decorator';
import { StaffRole } from './staff-user';
import { StaffPeople } from './staff-people';
import { StaffTokens } from './staff-tokens';
import { SignInSessions } from './sign-in-sessions';

/**
 * Deny by default: every route needs a valid bearer token, or a live sign-in session cookie (the same person, the
 * same policy; a change made with the cookie must carry the session's CSRF token: see `SignInSessions`), naming a
 * member of staff (401) and, where it names roles, one of them (403), unless the route is marked `@Public()`. What is
 * public is the route's own metadata, never its path's spelling.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: StaffTokens,
    private readonly people: StaffPeople,
    private readonly reflector: Reflector,
    private readonly sessions: SignInSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const header = request.headers.authorization;
    const user = header === undefined ? await this.sessions.userOf(request) : await this.bearerUser(header);
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, targets);
    if (!allowed || user.roles.includes('ADMIN') || user.roles.some((role) => allowed.includes(role))) return true;
    throw new Problem(HttpStatus.FORBIDDEN, `This needs one of the roles ${allowed.join(', ')}`);
  }

  private async bearerUser(header: string) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = match ? await this.tokens.verify(match[1]) : null;
    if (!claims) throw new Problem(HttpStatus.UNAUTHORIZED, 'A valid bearer token is required');
    // Every member of staff is a person: the rest of the request acts as them (audit, chair, booker, policy).
    return this.people.userFor(claims);
  }
}
