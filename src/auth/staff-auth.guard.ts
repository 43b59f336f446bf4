import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problem } from '../http/problem';
import { IS_PUBLIC_KEY } from './public.decorator';
import { AuthenticatedRequest, ROLES_KEY } from './roles.decorator';
import { StaffRole } from './staff-user';
import { StaffPeople } from './staff-people';
import { StaffTokens } from './staff-tokens';
import { AccountsService } from '../accounts/accounts.service';
import { parseCookies, sameSecret, SESSION_COOKIE } from '../accounts/session-rules';

/** Methods that change nothing: the only ones a session cookie may make without its CSRF token. */
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Deny by default: every route needs a valid bearer token, or a live sign-in session cookie (the same person, the
 * same policy; a change made with the cookie must carry the session's CSRF token), naming a member of staff (401) and, where it names roles, one of them (403),
 * unless the route is marked `@Public()`. What is public is the route's own metadata, never its path's spelling.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: StaffTokens,
    private readonly people: StaffPeople,
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const header = request.headers.authorization;
    const user = header === undefined ? await this.sessionUser(request) : await this.bearerUser(header);
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

  /** The signed-in person of a staff page; the session's CSRF token is kept on the request for the page's forms. */
  private async sessionUser(request: AuthenticatedRequest & { csrfToken?: string }) {
    const secret = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    const session = secret ? await this.accounts.sessionUser(secret) : null;
    if (!session) throw new Problem(HttpStatus.UNAUTHORIZED, 'A valid bearer token is required');
    if (!SAFE_METHODS.includes(request.method)) {
      const given = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
      if (!sameSecret(typeof given === 'string' ? given : undefined, session.csrfToken))
        throw new Problem(HttpStatus.FORBIDDEN, 'This form has expired: go back, reload the page and try again');
    }
    request.csrfToken = session.csrfToken;
    return session.user;
  }
}
