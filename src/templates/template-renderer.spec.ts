import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findTemplatesDir, TEMPLATES_DIR, TemplateRenderer } from './template-renderer';

/** A throw-away templates folder: `files` maps paths under it to their contents. */
function aTemplatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'quorum-templates-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('TEMPLATES_DIR', () => {
  const project = path.resolve(__dirname, '../..');

  it('is the project templates folder when running from src', () => {
    expect(TEMPLATES_DIR).toBe(path.join(project, 'templates'));
  });

  it('is found the same way from the compiled dist/templates folder', () => {
    expect(findTemplatesDir(path.join(project, 'dist', 'templates'))).toBe(path.join(project, 'templates'));
  });

  it('skips a templates folder that holds only compiled code', () => {
    const root = aTemplatesDir({ 'templates/email/x.txt.hbs': 'x', 'dist/templates/template-renderer.js': '' });
    try {
      expect(findTemplatesDir(path.join(root, 'dist', 'templates'))).toBe(path.join(root, 'templates'));
      expect(findTemplatesDir(path.join(root, 'dist'))).toBe(path.join(root, 'templates'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('TemplateRenderer', () => {
  let dir: string;
  let renderer: TemplateRenderer;

  beforeEach(() => {
    dir = aTemplatesDir({
      'email/note.html.hbs': '<p>{{name}}</p>{{> box}}',
      'email/note.txt.hbs': 'Name: {{name}}\n{{> box}}',
      'partials/box.hbs': '<b>{{name}}</b>',
      'partials/box.txt.hbs': '[{{name}}]',
      'email/when.txt.hbs': '{{londonDateTime at}}|{{londonTime at}}|{{londonDate at}}|{{londonDate day}}|{{londonDateTime missing}}|{{#if (eq a b)}}same{{else}}different{{/if}}',
      'email/link.html.hbs': '{{#if (isWebUrl url)}}<a href="{{url}}">{{url}}</a>{{else}}{{url}}{{/if}}',
    });
    renderer = new TemplateRenderer(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('escapes HTML templates and their partials', () => {
    expect(renderer.render('email/note.html', { name: '<script>&"' })).toBe('<p>&lt;script&gt;&amp;&quot;</p><b>&lt;script&gt;&amp;&quot;</b>');
  });

  it('leaves text templates and text partials unescaped', () => {
    expect(renderer.render('email/note.txt', { name: 'Tom & Jerry <x>' })).toBe('Name: Tom & Jerry <x>\n[Tom & Jerry <x>]');
  });

  it('keeps escaping HTML after a text template has used a partial of the same name', () => {
    renderer.render('email/note.txt', { name: '<i>' });
    expect(renderer.render('email/note.html', { name: '<i>' })).toBe('<p>&lt;i&gt;</p><b>&lt;i&gt;</b>');
  });

  it('formats times in UK time, dates as they are, and absent values as nothing', () => {
    const out = renderer.render('email/when.txt', { at: '2026-07-01T09:00:00Z', day: '2026-12-03', a: 1, b: 1 });
    expect(out).toBe('Wednesday 1 July 2026, 10:00 (UK time)|10:00|Wednesday 1 July 2026|Thursday 3 December 2026||same');
    expect(renderer.render('email/when.txt', { at: new Date('2026-12-03T10:00:00Z'), day: '2026-12-03', a: 1, b: '1' })).toContain('Thursday 3 December 2026, 10:00 (UK time)|10:00|');
  });

  it('refuses to print an unreadable date', () => {
    expect(() => renderer.render('email/when.txt', { at: 'soon' })).toThrow(RangeError);
  });

  it('links only http and https addresses', () => {
    expect(renderer.render('email/link.html', { url: 'https://video.example/j/1' })).toBe('<a href="https://video.example/j/1">https://video.example/j/1</a>');
    expect(renderer.render('email/link.html', { url: 'javascript:alert(1)' })).toBe('javascript:alert(1)');
  });

  it('compiles each template once', () => {
    expect(renderer.render('email/note.txt', { name: 'a' })).toBe('Name: a\n[a]');
    writeFileSync(path.join(dir, 'email/note.txt.hbs'), 'changed');
    expect(renderer.render('email/note.txt', { name: 'a' })).toBe('Name: a\n[a]');
    expect(new TemplateRenderer(dir).render('email/note.txt', { name: 'a' })).toBe('changed');
  });

  it('refuses names outside the templates folder and says which template is missing', () => {
    expect(() => renderer.render('../secret.txt', {})).toThrow(/Not a template name/);
    expect(() => renderer.render('email/note', {})).toThrow(/Not a template name/);
    expect(() => renderer.render('email/absent.html', {})).toThrow(/No template email\/absent\.html/);
  });
});

describe('the project templates', () => {
  const renderer = new TemplateRenderer();

  it('all compile and render', () => {
    const context = { title: 't', recipientName: 'R', typeLabel: 'L', caseReferences: 'CR-1', organizerEmail: 'm@q.example' };
    for (const name of ['invite', 'reminder', 'pack', 'minutes', 'record-due']) {
      expect(renderer.render(`email/${name}.html`, context)).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(renderer.render(`email/${name}.txt`, context)).toContain('Dear R,');
    }
  });
});
