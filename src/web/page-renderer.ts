import { Injectable } from '@nestjs/common';
import { TemplateRenderer } from '../templates/template-renderer';

/** Who is signed in, as the layout shows them: their name, and the token every form of theirs carries. */
export interface PageUser {
  name: string | null;
  csrfToken: string;
}

export interface PageContext {
  title: string;
  /** Which header link is the current page. */
  nav?: 'home' | 'meetings' | 'tasks' | 'due' | 'reports' | 'approvals' | 'audit' | 'people' | 'cases';
  user?: PageUser | null;
  /** The error summary pattern prefixes the title with "Error:". */
  hasErrors?: boolean;
  [key: string]: unknown;
}

/**
 * A staff page: `templates/pages/staff/<view>.html.hbs` rendered inside `templates/pages/layout.html.hbs` (GOV.UK
 * header, phase banner, skip link, footer), through the one template renderer.
 */
@Injectable()
export class PageRenderer {
  constructor(private readonly templates: TemplateRenderer) {}

  render(view: string, context: PageContext): string {
    const csrfToken = context.user?.csrfToken ?? context.csrfToken;
    const full = { ...context, csrfToken };
    return this.templates.render('pages/layout.html', {
      ...full,
      content: this.templates.render(`pages/staff/${view}.html`, full),
    });
  }
}
