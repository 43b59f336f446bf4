import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/roles.decorator';
import { SignInSessions } from '../auth/sign-in-sessions';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { AccountsService } from './accounts.service';
import { parseCookies, sameSecret, SESSION_COOKIE } from './session-rules';

/** Methods that change nothing: the only ones a session cookie may make without its CSRF token. */
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The staff guard's sign-in sessions: the local accounts' session cookie, and its CSRF token for changes. */
@Injectable()
export class SessionCookies extends SignInSessions {
  constructor(private readonly accounts: AccountsService) {
    super();
  }

  async userOf(request: AuthenticatedRequest & { csrfToken?: string }): Promise<StaffUser> {
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
