import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The environment as API.md "Running" defines it. Every variable is validated at start-up,
 * so a bad value stops the process with a message that names it.
 */
export class Environment {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  @IsOptional()
  PORT: number = 3000;

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  DATA_DIR: string = './var';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^\s@<>]+@[^\s@<>]+$/, { message: 'MAIL_FROM must be an email address' })
  MAIL_FROM: string = 'meetings@quorum.localhost';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/s, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  @IsOptional()
  SCHEDULER_INTERVAL_MS: number = 60_000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['true', 'false'])
  SCHEDULER_ENABLED: 'true' | 'false' = 'true';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  MEETING_RULES?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(\d{4}-\d{2}-\d{2})(,\d{4}-\d{2}-\d{2})*$/, {
    message: 'CLOSURE_DAYS must be a comma-separated list of YYYY-MM-DD dates',
  })
  CLOSURE_DAYS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  @IsOptional()
  MAX_UPLOAD_BYTES: number = 10 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  @IsOptional()
  DELIVERY_RETRY_BASE_MS: number = 30_000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d{1,4}(,\d{1,4})*$/, { message: 'REMINDER_HOURS must be a comma-separated list of hours, e.g. 72,24' })
  REMINDER_HOURS: string = '72,24';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be the issuer URL' })
  OIDC_ISSUER?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_AUDIENCE?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_JWKS_URL must be a URL' })
  OIDC_JWKS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_ROLES_CLAIM: string = 'roles';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  @IsOptional()
  LINK_RATE_LIMIT_PER_MINUTE: number = 60;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  @IsOptional()
  INBOUND_SMTP_PORT?: number;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  INBOUND_SMTP_HOST: string = '127.0.0.1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^\s@<>,]+@[^\s@<>,]+(,[^\s@<>,]+@[^\s@<>,]+)*$/, {
    message: 'INBOUND_SMTP_RECIPIENTS must be a comma-separated list of email addresses',
  })
  INBOUND_SMTP_RECIPIENTS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(10_240)
  @Max(50 * 1024 * 1024)
  @IsOptional()
  INBOUND_MAX_BYTES: number = 1024 * 1024;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^imaps?:\/\/[^\s/@]+@[^\s/]+(\/\S*)?$/, {
    message:
      'INBOUND_IMAP_URL must be an imap:// or imaps:// URL with the user and password (imaps://user:pass@host/INBOX)',
  })
  INBOUND_IMAP_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  @IsOptional()
  INBOUND_IMAP_INTERVAL_MS: number = 60_000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['off', 'enforce'])
  INBOUND_AUTH: 'off' | 'enforce' = 'off';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+$/, {
    message: 'INBOUND_AUTH_SERVID must be a host name (the authserv-id of the council’s receiving server)',
  })
  INBOUND_AUTH_SERVID?: string;

  // GOV.UK Notify's key is `{name}-{service id}-{secret}` (two UUIDs at the end): see src/sms/notify-sender.ts.
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]*-?[0-9a-f-]{36}-[0-9a-f-]{36}$/, {
    message: 'NOTIFY_API_KEY must be a GOV.UK Notify API key (name-serviceid-secret)',
  })
  NOTIFY_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'NOTIFY_SMS_TEMPLATE_ID must be the id (a UUID) of a Notify text message template',
  })
  NOTIFY_SMS_TEMPLATE_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'NOTIFY_BASE_URL must be an http(s) URL' })
  NOTIFY_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['true', 'false'])
  SMS_ENABLED?: 'true' | 'false';
}
