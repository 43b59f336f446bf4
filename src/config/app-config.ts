import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Environment } from './environment';
import * as path from 'node:path';

export interface AppConfig {
  port: number;
  dataDir: string;
  /** Unset: main.ts starts an embedded PostgreSQL and fills this in before the app is created. */
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  jwtSecret: string | undefined;
  schedulerIntervalMs: number;
  schedulerEnabled: boolean;
  logLevel: Environment['LOG_LEVEL'];
  /** JSON overrides of the meeting-type table (see meeting-types/). */
  meetingRules: unknown;
  /** Local closure days (e.g. a council's Christmas shutdown), beside the statutory bank holidays. */
  closureDays: string[];
  maxUploadBytes: number;
  /** First retry after this long, doubling each time (capped at an hour). */
  deliveryRetryBaseMs: number;
  /** Reminders to those who owe a report, this many hours before the pre-read deadline. */
  reminderHours: number[];
  /** Staff sign-in from an identity provider, beside the local HS256 tokens. */
  oidc: { issuer: string; audience: string; jwksUrl: string; rolesClaim: string } | null;
  /** Sign-in to the staff pages through the provider's own pages (authorization code + PKCE); null: local accounts. */
  oidcSignIn: { issuer: string; clientId: string; clientSecret: string; rolesClaim: string } | null;
  /** Requests a minute to personal-link pages and uploads, per client address. */
  linkRateLimitPerMinute: number;
  /** The SMTP listener for calendar replies and bounces (src/inbound); null when INBOUND_SMTP_PORT is unset. */
  inbound: { smtpPort: number; smtpHost: string; recipients: string[]; maxBytes: number } | null;
  /** Polling the organiser mailbox over IMAP (src/inbound/inbound-imap.poller.ts); null when INBOUND_IMAP_URL is unset. */
  inboundImap: {
    host: string;
    port: number;
    secure: boolean;
    user: string;
    password: string;
    mailbox: string;
    intervalMs: number;
    maxBytes: number;
  } | null;
  /**
   * SPF/DKIM/DMARC of inbound mail (mailauth): `enforce` sets aside what fails. `servId`: the authserv-id of the
   * council's receiving server, whose Authentication-Results header is believed for mail read over IMAP.
   */
  inboundAuth: { enforce: boolean; servId: string | null };
  /**
   * Text messages (src/sms): on with a Notify key, or with SMS_ENABLED=true (then written to DATA_DIR/sms). Null: off,
   * and people with only a phone stay on the chair's list of people to reach.
   */
  sms: { notify: { apiKey: string; templateId: string; baseUrl: string } | null } | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(Environment, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(raw, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) =>
      message.startsWith(e.property) ? message : `${e.property}: ${message}`,
    ),
  );
  let meetingRules: unknown = {};
  if (raw.MEETING_RULES) {
    try {
      meetingRules = JSON.parse(raw.MEETING_RULES);
    } catch {
      problems.push('MEETING_RULES must be JSON');
    }
    // What it says is checked against the rules table by `checkMeetingRules` (src/meeting-types), before anything
    // starts: config sits below every feature folder and imports none.
  }
  problems.push(...oidcProblems(raw));
  if (raw.NOTIFY_API_KEY && !raw.NOTIFY_SMS_TEMPLATE_ID)
    problems.push('NOTIFY_SMS_TEMPLATE_ID must be set when NOTIFY_API_KEY is (a template whose body is ((body)))');
  if (raw.INBOUND_IMAP_URL && !/^imaps?:\/\/[^:@/]+:[^@/]+@/.test(raw.INBOUND_IMAP_URL))
    problems.push('INBOUND_IMAP_URL must carry the user and the password (imaps://user:password@host/INBOX)');
  if (problems.length > 0) throw new ConfigError(problems);

  const port = raw.PORT;
  return {
    port,
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    jwtSecret: raw.JWT_SECRET,
    schedulerIntervalMs: raw.SCHEDULER_INTERVAL_MS,
    schedulerEnabled: raw.SCHEDULER_ENABLED !== 'false',
    logLevel: raw.LOG_LEVEL,
    meetingRules,
    closureDays: raw.CLOSURE_DAYS ? raw.CLOSURE_DAYS.split(',') : [],
    maxUploadBytes: raw.MAX_UPLOAD_BYTES,
    deliveryRetryBaseMs: raw.DELIVERY_RETRY_BASE_MS,
    reminderHours: raw.REMINDER_HOURS.split(',')
      .map(Number)
      .filter((h) => h > 0),
    oidc: raw.OIDC_ISSUER
      ? {
          issuer: raw.OIDC_ISSUER,
          audience: (raw.OIDC_AUDIENCE ?? raw.OIDC_CLIENT_ID)!,
          jwksUrl: raw.OIDC_JWKS_URL ?? `${raw.OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`,
          rolesClaim: raw.OIDC_ROLES_CLAIM,
        }
      : null,
    oidcSignIn:
      raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
        ? {
            issuer: raw.OIDC_ISSUER,
            clientId: raw.OIDC_CLIENT_ID,
            clientSecret: raw.OIDC_CLIENT_SECRET,
            rolesClaim: raw.OIDC_ROLES_CLAIM,
          }
        : null,
    linkRateLimitPerMinute: raw.LINK_RATE_LIMIT_PER_MINUTE,
    inbound:
      raw.INBOUND_SMTP_PORT === undefined
        ? null
        : {
            smtpPort: raw.INBOUND_SMTP_PORT,
            smtpHost: raw.INBOUND_SMTP_HOST,
            // Only the organiser mailbox (or the address the council forwards it to) is accepted: nothing is relayed.
            recipients: (raw.INBOUND_SMTP_RECIPIENTS ?? raw.MAIL_FROM).split(',').map((a) => a.trim().toLowerCase()),
            maxBytes: raw.INBOUND_MAX_BYTES,
          },
    inboundImap: raw.INBOUND_IMAP_URL ? imapSettings(raw.INBOUND_IMAP_URL, raw) : null,
    inboundAuth: { enforce: raw.INBOUND_AUTH === 'enforce', servId: raw.INBOUND_AUTH_SERVID?.toLowerCase() ?? null },
    sms:
      raw.SMS_ENABLED === 'false' || (!raw.NOTIFY_API_KEY && raw.SMS_ENABLED !== 'true')
        ? null
        : {
            notify: raw.NOTIFY_API_KEY
              ? {
                  apiKey: raw.NOTIFY_API_KEY,
                  templateId: raw.NOTIFY_SMS_TEMPLATE_ID!,
                  baseUrl: (raw.NOTIFY_BASE_URL ?? 'https://api.notifications.service.gov.uk').replace(/\/+$/, ''),
                }
              : null,
          },
  };
}

/** `imaps://user:password@host:993/INBOX`: user and password URL-encoded, the mailbox INBOX unless the path names one. */
function imapSettings(value: string, raw: Environment): NonNullable<AppConfig['inboundImap']> {
  const url = new URL(value);
  const secure = url.protocol === 'imaps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox: decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX',
    intervalMs: raw.INBOUND_IMAP_INTERVAL_MS,
    maxBytes: raw.INBOUND_MAX_BYTES,
  };
}

/**
 * The identity provider's settings go together: an issuer with a client (id and secret) signs staff in through the
 * provider's pages; a client without an issuer, or half a client, is a mistake that would leave local accounts on.
 */
function oidcProblems(raw: Environment): string[] {
  const problems: string[] = [];
  const client = [raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET];
  if (client.some(Boolean) && !client.every(Boolean))
    problems.push('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together');
  if (client.some(Boolean) && !raw.OIDC_ISSUER)
    problems.push('OIDC_ISSUER must be set with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (the provider they belong to)');
  // Without an audience, a token the provider minted for any other application would sign in to Quorum.
  if (raw.OIDC_ISSUER && !raw.OIDC_AUDIENCE && !raw.OIDC_CLIENT_ID)
    problems.push(
      "OIDC_AUDIENCE (or OIDC_CLIENT_ID) must be set when OIDC_ISSUER is (the audience Quorum's tokens are minted for)",
    );
  return problems;
}
