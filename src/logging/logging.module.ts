import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Keys whose values are personal data wherever they appear in a log record: they are replaced by
 * "[redacted]" (DESIGN.md "Privacy by default").
 */
export const REDACTED_KEYS = [
  'name',
  'email',
  'phone',
  'recipient',
  'to',
  'subjectInitials',
  'dateOfBirth',
  'summary',
  'text',
];

/** What a log line says of a request: the raw request as Express left it once it was answered. */
interface LoggedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * Where a request went, as logged when it is answered: the route it matched as its template (`/api/meetings/:id`,
 * `/p/:token`) and the names of its query parameters, never their values. A path can carry a personal-link or feed
 * token and a query a name or an email, so neither is written down; a request that matched no route is logged
 * without a path. Nothing here depends on spelling out which paths are sensitive.
 */
export function requestForLog(req: LoggedRequest): { route: string | null; queryKeys: string[] } {
  const template = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : null;
  const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const queryKeys = [...new Set([...new URLSearchParams(query).keys()])].sort();
  return { route: template, queryKeys };
}

/** Structured JSON logs (pino) to standard output, or to `destination` when given (tests read what was logged). */
@Module({})
export class LoggingModule {
  static register(destination?: Writable): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const options: PinoHttpOptions = {
              level: config.logLevel,
              redact: {
                paths: [
                  'req.headers.authorization',
                  'req.headers.cookie',
                  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
                ],
                censor: '[redacted]',
              },
              serializers: {
                // Bound when the request arrives, before any route matched: its id and method only, never its URL.
                req: (req: { id?: unknown; method?: string }) => ({ id: req.id, method: req.method }),
                // The status is what a reader needs; the response headers (CSP, ETag, …) only lengthened every line.
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              // Written when the request is answered, by which time Express knows the route it matched.
              customSuccessObject: (req: IncomingMessage, _res: unknown, value: object) => ({
                ...value,
                ...requestForLog(req),
              }),
              customErrorObject: (req: IncomingMessage, _res: unknown, _error: Error, value: object) => ({
                ...value,
                ...requestForLog(req),
              }),
              customLogLevel: (_req: IncomingMessage, res: { statusCode: number }, error?: Error) =>
                error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
            };
            return { pinoHttp: destination ? [options, destination] : options };
          },
        }),
      ],
    };
  }
}
