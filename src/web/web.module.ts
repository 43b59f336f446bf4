import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { PageRenderer } from './page-renderer';

/** The staff pages' layout around the one template renderer. */
@Module({ imports: [TemplatesModule], providers: [PageRenderer], exports: [PageRenderer] })
export class WebModule {}
