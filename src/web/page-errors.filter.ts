import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/roles.decorator';
import { PageRenderer } from './page-renderer';

/** What a person is told, by status: never a stack trace, never whether a record they may not see exists. */
const PAGES: Record<number, { title: string; body: string }> = {
  [HttpStatus.NOT_FOUND]: {
    title: 'Page not found',
    body: 'If you typed the web address, check it is correct. If you followed a link, you may not have a part in what it shows.',
  },
};

/**
 * For the staff pages: a person who is not signed in goes to the sign-in page and comes back; other refusals are a
 * GOV.UK-style page instead of the API's problem+json.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('StaffPages');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & AuthenticatedRequest & { csrfToken?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    const status: number =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status === (HttpStatus.UNAUTHORIZED as number)) {
      // After sign-in, back to the page asked for; a form sent after the session ended, back to its meeting.
      const back =
        request.method === 'GET'
          ? request.originalUrl
          : (/^\/meetings\/[0-9a-f-]{36}/.exec(request.originalUrl)?.[0] ?? '/');
      response.redirect(303, `/sign-in?next=${encodeURIComponent(back)}`);
      return;
    }
    if (status >= 500) this.logger.error(exception);
    const page =
      PAGES[status] ??
      (status >= 500
        ? { title: 'Sorry, there is a problem with the service', body: 'Try again later.' }
        : { title: 'Sorry, that did not work', body: exception instanceof HttpException ? exception.message : '' });
    const user = request.user && request.csrfToken ? { name: request.user.name, csrfToken: request.csrfToken } : null;
    response
      .status(status)
      .type('html')
      .send(this.pages.render('error', { title: page.title, message: page.body, user }));
  }
}
