import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { rememberRequestOrigin } from './audit/request-origin';
import { AppConfig } from './config/app-config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationPipe } from './http/validation.pipe';
import { checkMeetingRules } from './meeting-types/meeting-rules-setting';
import { staticAssets } from './web/static-assets';

/** Builds the whole application; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  checkMeetingRules(config);
  // `/API/people` and `/api/people/` are not `/api/people`: one spelling per route, so that no other spelling can
  // reach a handler by a way its metadata (public or not, which body) did not foresee. Express reads these when it
  // creates its router, which the Nest adapter does at once: so they are set on the instance before it is handed over.
  const server = express();
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, options),
    new ExpressAdapter(server),
    {
      bufferLogs: true,
      bodyParser: false,
      // A module that cannot start (bad MEETING_RULES, say) throws to the caller, which says why, instead of Nest
      // ending the process itself.
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.set('trust proxy', 'loopback');
  app.use(rememberRequestOrigin);
  app.disable('x-powered-by');
  // No automatic weak ETag: it was computed from whatever body went out, error bodies included (a 412 carried one).
  // What is cacheable sets its own: a meeting its version (for If-Match), a calendar feed a hash of its content.
  app.set('etag', false);
  // Security headers (CSP, no sniffing, no framing, no referrer leaking a personal link).
  app.use(helmet({ referrerPolicy: { policy: 'no-referrer' }, crossOriginEmbedderPolicy: false }));
  // Nothing Quorum answers may sit in a shared or browser cache (staff data, personal pages, feeds): every response
  // says no-store unless its handler sets something else itself.
  app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/assets', staticAssets());
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const openApi = new DocumentBuilder()
    .setTitle('Quorum')
    .setDescription(
      'Coordinates multi-agency safeguarding meetings: booking, invites, pre-reads, minutes and timeliness.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });
  return app;
}
