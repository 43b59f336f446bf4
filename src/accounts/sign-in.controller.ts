import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { AuthenticatedRequest, CurrentUser } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { AppConfig } from '../config/app-config';
import { AcceptsBody } from '../http/body-types';
import { summary } from '../web/error-summary';
import { PageErrorsFilter } from '../web/page-errors.filter';
import { PageRenderer } from '../web/page-renderer';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AccountsService } from './accounts.service';
import { cookieHeader, FORM_COOKIE, newSecret, parseCookies, sameSecret, SESSION_COOKIE } from './session-rules';

type Form = Record<string, string | undefined>;

/** Only a path of this site: a `next` of `//evil.example` or `https://…` would send a person elsewhere after sign-in. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** Sign in, sign out, and the one-time account links (first administrator, set a password). */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorsFilter)
@AcceptsBody('form')
export class SignInController {
  private readonly secure: boolean;
  /** With an identity provider, its pages are where staff sign in: no password is asked here. */
  private readonly throughProvider: boolean;

  constructor(
    private readonly accounts: AccountsService,
    private readonly pages: PageRenderer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secure = config.publicUrl.startsWith('https:');
    this.throughProvider = config.oidcSignIn !== null;
  }

  @Get('sign-in')
  @Public()
  signInPage(
    @Req() request: Request,
    @Res() response: Response,
    @Query('next') next?: string,
    @Query('signed-out') signedOut?: string,
    @Query('account') account?: string,
  ) {
    if (this.throughProvider && !signedOut)
      return response.redirect(303, `/sign-in/provider?next=${encodeURIComponent(localPath(next))}`);
    const notice = signedOut ? 'You have signed out.' : account ? 'Your password is set. You can now sign in.' : null;
    response.type('html').send(
      this.pages.render('sign-in', {
        title: 'Sign in',
        next: localPath(next),
        notice,
        throughProvider: this.throughProvider,
        csrfToken: this.formToken(request, response),
      }),
    );
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  async signIn(@Req() request: Request, @Body() form: Form, @Res() response: Response) {
    const next = localPath(form.next);
    if (this.throughProvider) return response.redirect(303, `/sign-in/provider?next=${encodeURIComponent(next)}`);
    const csrfToken = this.formToken(request, response);
    if (!this.formTokenMatches(request, form))
      return this.refuseForm(response, 'sign-in', { title: 'Sign in', next, csrfToken });
    const errors: Record<string, string> = {};
    if (!form.email?.trim()) errors.email = 'Enter your email address';
    if (!form.password) errors.password = 'Enter your password';
    if (!errors.email && !errors.password) {
      const result = await this.accounts.signIn(form.email!, form.password!);
      if (result.ok) {
        response.setHeader('Set-Cookie', [
          cookieHeader(SESSION_COOKIE, result.sessionSecret, this.secure),
          cookieHeader(FORM_COOKIE, '', this.secure, 0),
        ]);
        return response.redirect(303, next);
      }
      errors.email = result.locked
        ? 'This account is locked for 15 minutes after too many wrong passwords. Try again later, or ask an administrator.'
        : 'Enter a correct email address and password';
    }
    response
      .status(401)
      .type('html')
      .send(this.pages.render('sign-in', { title: 'Sign in', next, csrfToken, email: form.email, ...summary(errors) }));
  }

  @Post('sign-out')
  @HttpCode(200)
  async signOut(@Req() request: AuthenticatedRequest, @CurrentUser() user: StaffUser, @Res() response: Response) {
    const secret = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    if (secret) await this.accounts.signOut(secret, user);
    response.setHeader('Set-Cookie', cookieHeader(SESSION_COOKIE, '', this.secure, 0));
    response.redirect(303, '/sign-in?signed-out=1');
  }

  @Get('account-link/:token')
  @Public()
  async linkPage(@Req() request: Request, @Param('token') token: string, @Res() response: Response) {
    const link = await this.accounts.link(token);
    if (!link)
      return response
        .status(404)
        .type('html')
        .send(
          this.pages.render('error', {
            title: 'This link has expired',
            message: 'Ask an administrator for a new link (npm run user -- reset).',
          }),
        );
    response.type('html').send(
      this.pages.render('account-link', {
        title: title(link.kind),
        firstAdmin: link.kind === 'first-admin',
        token,
        csrfToken: this.formToken(request, response),
      }),
    );
  }

  @Post('account-link/:token')
  @Public()
  @HttpCode(200)
  async redeem(@Req() request: Request, @Param('token') token: string, @Body() form: Form, @Res() response: Response) {
    const link = await this.accounts.link(token);
    const csrfToken = this.formToken(request, response);
    const context = {
      title: title(link?.kind ?? 'set-password'),
      firstAdmin: link?.kind === 'first-admin',
      token,
      csrfToken,
      name: form.name,
      email: form.email,
    };
    if (!this.formTokenMatches(request, form)) return this.refuseForm(response, 'account-link', context);
    const errors = await this.accounts.redeem(token, {
      name: form.name,
      email: form.email,
      password: form.password ?? '',
      confirmation: form.confirmation ?? '',
    });
    if (!errors) return response.redirect(303, '/sign-in?account=ready');
    response
      .status(errors.link ? 404 : 422)
      .type('html')
      .send(this.pages.render('account-link', { ...context, ...summary(errors) }));
  }

  /** Before sign-in, a form's token is a random value also set as a cookie: a cross-site form cannot know it. */
  private formToken(request: Request, response: Response): string {
    const existing = parseCookies(request.headers.cookie)[FORM_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const token = newSecret();
    response.setHeader('Set-Cookie', cookieHeader(FORM_COOKIE, token, this.secure));
    return token;
  }

  private formTokenMatches(request: Request, form: Form): boolean {
    return sameSecret(form._csrf, parseCookies(request.headers.cookie)[FORM_COOKIE]);
  }

  private refuseForm(response: Response, view: string, context: { title: string; [key: string]: unknown }) {
    response
      .status(403)
      .type('html')
      .send(this.pages.render(view, { ...context, ...summary({ form: 'This form has expired. Submit it again.' }) }));
  }
}

function title(kind: 'first-admin' | 'set-password'): string {
  return kind === 'first-admin' ? 'Create the first administrator' : 'Set your password';
}
