import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { AppConfig } from './config/app-config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationPipe } from './http/validation.pipe';

/** Builds the whole application; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options), {
    bufferLogs: true,
    bodyParser: false,
    // A module that cannot start (bad MEETING_RULES, say) throws to the caller, which says why, instead of Nest
    // ending the process itself.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // No automatic weak ETag: it was computed from whatever body went out, error bodies included (a 412 carried one).
  // What is cacheable sets its own: a meeting its version (for If-Match), a calendar feed a hash of its content.
  app.set('etag', false);
  // Security headers (CSP, no sniffing, no framing, no referrer leaking a personal link).
  app.use(helmet({ referrerPolicy: { policy: 'no-referrer' }, crossOriginEmbedderPolicy: false }));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const openApi = new DocumentBuilder()
    .setTitle('Quorum')
    .setDescription('Coordinates multi-agency safeguarding meetings: booking, invites, pre-reads, minutes and timeliness.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });
  return app;
}
