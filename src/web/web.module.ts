import { Global, Module } from '@nestjs/common';
import { TemplateRenderer, TEMPLATES_DIR } from '../templates/template-renderer';
import { PageRenderer } from './page-renderer';

/** The staff pages' layout around the one template renderer. */
@Global()
@Module({
  providers: [{ provide: PageRenderer, useFactory: () => new PageRenderer(new TemplateRenderer(TEMPLATES_DIR)) }],
  exports: [PageRenderer],
})
export class WebModule {}
