import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatLondon, formatLondonDate, formatLondonTime } from '../time/london';

/** `templates/` at the project root, found from src (ts-jest) or dist (node) alike. */
function findTemplatesDir(): string {
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, 'email'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('templates/ not found above ' + __dirname);
}
export const TEMPLATES_DIR = findTemplatesDir();

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * The one renderer for emails and pages. `name` is a path under templates/ without `.hbs`
 * (`email/invite.html`, `pages/participant.html`). HTML is escaped; `.txt` templates are not.
 */
export class TemplateRenderer {
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly handlebars = Handlebars.create();

  constructor(private readonly dir: string = TEMPLATES_DIR) {
    this.handlebars.registerHelper('londonDateTime', (value: Date | string) => formatLondon(asDate(value)));
    this.handlebars.registerHelper('londonTime', (value: Date | string) => formatLondonTime(asDate(value)));
    this.handlebars.registerHelper('londonDate', (value: Date | string) => formatLondonDate(typeof value === 'string' && value.length === 10 ? value : asDate(value)));
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    const partials = path.join(dir, 'partials');
    if (existsSync(partials)) {
      for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
        this.handlebars.registerPartial(file.replace(/\.hbs$/, '').replace(/\./g, '-'), readFileSync(path.join(partials, file), 'utf8'));
      }
    }
  }

  render(name: string, context: object): string {
    let template = this.compiled.get(name);
    if (!template) {
      const source = readFileSync(path.join(this.dir, `${name}.hbs`), 'utf8');
      template = this.handlebars.compile(source, { noEscape: name.endsWith('.txt'), strict: false });
      this.compiled.set(name, template);
    }
    return template(context);
  }
}
