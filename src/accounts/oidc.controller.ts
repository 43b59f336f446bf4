import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { decodePending, encodePending, OidcSignIn } from './oidc-sign-in';
import { cookieHeader, parseCookies, SESSION_COOKIE } from './session-rules';

/** Between leaving for the provider and coming back: ten minutes, then the sign-in starts again. */
export const PENDING_COOKIE = 'quorum_oidc';
const PENDING_SECONDS = 600;

const REFUSALS = {
  'no-role': {
    status: 403,
    title: 'You do not have access to Quorum',
    message: 'Your account has no Quorum role. Ask your service desk to give you one, then sign in again.',
  },
  'not-staff': {
    status: 403,
    title: 'You do not have access to Quorum',
    message: 'Your account is not one of a member of staff. Ask your service desk.',
  },
  disabled: {
    status: 403,
    title: 'Your account is disabled',
    message: 'An administrator has disabled your Quorum account. Ask your service desk.',
  },
  failed: {
    status: 401,
    title: 'Sign-in did not work',
    message: 'The sign-in could not be completed, or it took too long. Go to the home page to sign in again.',
  },
} as const;

function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/**
 * With an identity provider (`OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`), `/sign-in` sends the browser
 * here and here to the provider; it comes back to `/sign-in/callback` with a code, checked against the state, nonce
 * and PKCE verifier this browser was given (an HttpOnly cookie, SameSite=Lax so that it comes back on the redirect).
 */
@ApiExcludeController()
@Controller('sign-in')
@UseFilters(PageErrorsFilter)
export class OidcController {
  private readonly secure: boolean;

  constructor(
    @Inject(OidcSignIn) private readonly oidc: OidcSignIn | null,
    private readonly pages: PageRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secure = config.publicUrl.startsWith('https:');
  }

  @Get('provider')
  @Public()
  async start(@Query('next') next: string | undefined, @Res() response: Response) {
    if (!this.oidc) return this.notFound(response);
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await this.oidc.start(localPath(next));
    } catch {
      // The provider's discovery document did not come: say so, rather than a bare error page.
      return response
        .status(503)
        .type('html')
        .send(
          this.pages.render('error', {
            title: 'Sign-in is not available',
            message: 'The sign-in service is not answering. Try again in a few minutes, or ask your service desk.',
          }),
        );
    }
    const { url, pending } = started;
    response.setHeader(
      'Set-Cookie',
      cookieHeader(PENDING_COOKIE, encodePending(pending), this.secure, PENDING_SECONDS),
    );
    response.redirect(303, url);
  }

  @Get('callback')
  @Public()
  async callback(@Req() request: Request, @Res() response: Response) {
    if (!this.oidc) return this.notFound(response);
    const pending = decodePending(parseCookies(request.headers.cookie)[PENDING_COOKIE]);
    // Spent whatever happens: a code or a state is good for one try.
    const clearPending = cookieHeader(PENDING_COOKIE, '', this.secure, 0);
    const result = pending
      ? await this.oidc.finish(new URL(request.originalUrl, `${this.config.publicUrl}/`), pending)
      : ({ ok: false, reason: 'failed' } as const);
    if (result.ok) {
      response.setHeader('Set-Cookie', [cookieHeader(SESSION_COOKIE, result.sessionSecret, this.secure), clearPending]);
      return response.redirect(303, pending!.next);
    }
    const refusal = REFUSALS[result.reason];
    response.setHeader('Set-Cookie', clearPending);
    response
      .status(refusal.status)
      .type('html')
      .send(this.pages.render('error', { title: refusal.title, message: refusal.message }));
  }

  /** Without an identity provider there is nothing here: staff sign in with their local account. */
  private notFound(response: Response) {
    response
      .status(404)
      .type('html')
      .send(this.pages.render('error', { title: 'Page not found', message: 'Sign in at /sign-in.' }));
  }
}
