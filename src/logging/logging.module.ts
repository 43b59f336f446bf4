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
export const REDACTED_KEYS = ['name', 'email', 'phone', 'recipient', 'to', 'subjectInitials', 'dateOfBirth', 'summary', 'text'];

/** Personal-link and feed tokens are credentials: strip them from logged URLs. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/\/(p|feeds)\/[^/?#.]+/g, '/$1/[redacted]');
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
                paths: ['req.headers.authorization', 'req.headers.cookie', ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`])],
                censor: '[redacted]',
              },
              serializers: {
                req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
                // The status is what a reader needs; the response headers (CSP, ETag, …) only lengthened every line.
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
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
