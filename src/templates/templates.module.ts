import { Module } from '@nestjs/common';
import { TemplateRenderer, TEMPLATES_DIR } from './template-renderer';

/** The one Handlebars renderer (emails, staff pages, participant pages), compiled once for the whole app. */
@Module({
  providers: [{ provide: TemplateRenderer, useFactory: () => new TemplateRenderer(TEMPLATES_DIR) }],
  exports: [TemplateRenderer],
})
export class TemplatesModule {}
