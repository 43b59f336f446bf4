import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { londonDate, londonDateTime, londonTime, toInstant } from './london-format';

/**
 * The project's `templates/` folder (the one holding `templates/email`), found by walking up from this file.
 *
 * The same code runs from `src/templates/` (ts-jest, ts-node) and from `dist/templates/` (`node dist/main.js`),
 * and the build does not copy templates into `dist/`, so a fixed `../../templates` would only be right for one of
 * them. Walking up finds `<project>/templates` from both; a folder that merely contains compiled code is skipped
 * because it has no `email/` inside.
 */
export function findTemplatesDir(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, 'email'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No templates/email folder found above ${from}`);
    dir = parent;
  }
}

export const TEMPLATES_DIR = findTemplatesDir();

const TEMPLATE_NAME = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.(html|txt)$/;
const TEXT_PARTIAL = /\.txt\.hbs$/;

/** A helper argument that may be absent: optional dates print as nothing rather than "Invalid Date". */
type MaybeTime = Date | string | null | undefined;

/**
 * The one renderer for emails and pages.
 *
 * `render('email/invite.html', context)` renders `templates/email/invite.html.hbs`. Names ending `.html` are
 * HTML-escaped (`{{ }}`); names ending `.txt` are plain text and compiled with `noEscape`, so `&` and `<` arrive
 * as written. HTML and text live in two separate Handlebars environments: a partial compiled for one can never
 * be reused by the other with the wrong escaping.
 *
 * Partials: every file in `templates/partials/`, named after the file without its extension
 * (`join-details.hbs` → `{{> join-details}}`). A `*.txt.hbs` partial serves text templates under the same name
 * (`join-details.txt.hbs` → `{{> join-details}}` inside a `.txt` template); every other partial serves HTML.
 *
 * Helpers (both environments): `londonDateTime`, `londonTime`, `londonDate` (a `Date` or an ISO string; `londonDate`
 * also takes a `YYYY-MM-DD` calendar date), `eq a b`, `isWebUrl url` (only http/https become links).
 *
 * Templates are compiled on first use and cached; partials are compiled when the renderer is built.
 */
export class TemplateRenderer {
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(private readonly templatesDir: string = TEMPLATES_DIR) {
    for (const environment of [this.html, this.text]) registerHelpers(environment);
    const partialsDir = path.join(templatesDir, 'partials');
    if (existsSync(partialsDir)) {
      for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
        const isText = TEXT_PARTIAL.test(file);
        const environment = isText ? this.text : this.html;
        const name = file.replace(isText ? TEXT_PARTIAL : /\.hbs$/, '');
        environment.registerPartial(name, environment.compile(readFileSync(path.join(partialsDir, file), 'utf8'), { noEscape: isText }));
      }
    }
  }

  render(name: string, context: object): string {
    let template = this.compiled.get(name);
    if (!template) {
      if (!TEMPLATE_NAME.test(name)) throw new Error(`Not a template name: ${name} (expected e.g. email/invite.html)`);
      const file = path.join(this.templatesDir, `${name}.hbs`);
      if (!existsSync(file)) throw new Error(`No template ${name}: ${file} does not exist`);
      const isText = name.endsWith('.txt');
      template = (isText ? this.text : this.html).compile(readFileSync(file, 'utf8'), { noEscape: isText });
      this.compiled.set(name, template);
    }
    return template(context);
  }
}

function registerHelpers(environment: typeof Handlebars): void {
  const optional = (format: (instant: Date) => string) => (value: MaybeTime) => (value === null || value === undefined || value === '' ? '' : format(toInstant(value)));
  environment.registerHelper('londonDateTime', optional(londonDateTime));
  environment.registerHelper('londonTime', optional(londonTime));
  environment.registerHelper('londonDate', (value: MaybeTime) => (value === null || value === undefined || value === '' ? '' : londonDate(value)));
  environment.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  environment.registerHelper('isWebUrl', (value: unknown) => typeof value === 'string' && /^https?:\/\/[^\s"<>]+$/i.test(value));
}
