import type { AuthenticatedRequest } from './roles.decorator';
import type { StaffUser } from './staff-user';

/**
 * The person a staff page's session cookie signs in, for the guard. Local accounts (src/accounts) provide it; it is
 * declared here so that auth, which every route passes and every feature builds on, depends on no feature.
 */
export abstract class SignInSessions {
  /**
   * The signed-in person of the request's session cookie: 401 without a live session, 403 for a change that does not
   * carry the session's CSRF token. The token is kept on the request for the page's forms.
   */
  abstract userOf(request: AuthenticatedRequest & { csrfToken?: string }): Promise<StaffUser>;
}
