import type { Response } from 'express';
import { summary } from '../web/error-summary';
import { Problem } from '../http/problem';
import { TemplateRenderer } from '../templates/template-renderer';
import { formatLondon } from '../time/london';
import { helpAskedFor, MAX_ACCESS_NEEDS, readHelpRequest } from './help-requests';
import { helpRequestsOf } from './help-requests.repository';
import { ParticipantLinksService } from './participant-links.service';

/**
 * The pages a personal link opens, inside the public layout (GOV.UK Frontend, no staff navigation), and the "I need
 * help to take part" form: asked, checked, stored, then a confirmation. A plain class the controller builds, so the
 * module's providers stay as they are.
 */
export class HelpPages {
  constructor(
    private readonly links: ParticipantLinksService,
    private readonly renderer: TemplateRenderer,
  ) {}

  render(view: string, title: string, model: object, hasErrors = false): string {
    return this.renderer.render('pages/public-layout.html', {
      title,
      hasErrors,
      content: this.renderer.render(`pages/${view}.html`, model),
    });
  }

  async form(
    token: string,
    values: Record<string, unknown> = {},
    errors: Record<string, string> = {},
  ): Promise<string> {
    const page = await this.links.page(token);
    const open = page.meeting.status !== 'CANCELLED' && page.meeting.endsAt > page.now;
    return this.render(
      'participant-help',
      'I need help to take part',
      {
        token,
        typeLabel: page.typeLabel,
        open,
        values,
        maxAccessNeeds: MAX_ACCESS_NEEDS,
        ...summary(errors),
      },
      Object.keys(errors).length > 0,
    );
  }

  async send(token: string, body: Record<string, unknown>, response: Response): Promise<void> {
    // An unknown or expired link is a 404 before anything in the body is looked at: no hint what a good one holds.
    await this.links.participantFor(token);
    const json = Boolean(response.req.is('application/json'));
    const { input, errors, values } = readHelpRequest(body);
    if (!input) {
      if (json) throw Problem.invalid(Object.entries(errors).map(([field, message]) => ({ field, message })));
      response
        .status(422)
        .type('html')
        .send(await this.form(token, values, errors));
      return;
    }
    const request = await this.links.askForHelp(token, input);
    if (json) {
      response.status(201).json(request);
      return;
    }
    response.redirect(303, `/p/${encodeURIComponent(token)}/help/sent`);
  }

  async sent(token: string): Promise<string> {
    const page = await this.links.page(token);
    const asked = await helpRequestsOf(this.links.manager, page.participant.id);
    const latest = asked.at(-1);
    if (!latest) throw Problem.notFound('The request');
    return this.render('participant-help-sent', 'We have your request for help', {
      token,
      typeLabel: page.typeLabel,
      when: formatLondon(latest.requestedAt),
      asked: helpAskedFor(latest),
    });
  }
}
