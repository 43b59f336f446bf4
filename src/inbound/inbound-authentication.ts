import { Inject, Injectable } from '@nestjs/common';
import { authenticate, dkimVerify, dmarc, type DNSResolver } from 'mailauth';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../time/clock';

/** How a message reached Quorum: straight from the sending server (SMTP), or read from the mailbox (IMAP). */
export type InboundOrigin = { via: 'smtp'; ip: string; helo: string | null; sender: string | null } | { via: 'imap' };

/** What SPF, DKIM and DMARC said of one message, as results (pass, fail, none, …). */
export interface AuthenticationResults {
  spf: string;
  dkim: string;
  dmarc: string;
}

/** Why a message is set aside, or null when it may change things. */
export type AuthenticationVerdict = { pass: true } | { pass: false; reason: string; results: AuthenticationResults };

/**
 * The rule (pure): where the From domain publishes DMARC, the message must pass it (an aligned SPF or DKIM pass);
 * where it publishes none, SPF or DKIM must pass for some domain. Anything else (fail, softfail, errors) changes nothing.
 */
export function judge(results: AuthenticationResults): AuthenticationVerdict {
  if (results.dmarc !== 'none') {
    return results.dmarc === 'pass'
      ? { pass: true }
      : { pass: false, reason: `DMARC_${results.dmarc.toUpperCase()}`, results };
  }
  if (results.spf === 'pass' || results.dkim === 'pass') return { pass: true };
  return { pass: false, reason: 'SPF_AND_DKIM_FAIL', results };
}

/**
 * The results of a receiving server's Authentication-Results header (RFC 8601), believed only from the topmost one
 * and only when it carries the trusted authserv-id: headers further down (or another host's) may be the sender's own.
 */
export function trustedResults(raw: string, servId: string): AuthenticationResults | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => /^authentication-results:/i.test(l));
  if (!line) return null;
  const value = line.slice(line.indexOf(':') + 1).replace(/\([^)]*\)/g, ' ');
  const [id, ...parts] = value.split(';');
  if (id.trim().split(/\s+/)[0]?.toLowerCase() !== servId) return null;
  const result = (method: string) => {
    for (const part of parts) {
      const match = new RegExp(`^\\s*${method}\\s*=\\s*([a-z]+)`, 'i').exec(part);
      if (match) return match[1].toLowerCase();
    }
    return 'none';
  };
  return { spf: result('spf'), dkim: result('dkim'), dmarc: result('dmarc') };
}

/**
 * SPF, DKIM and DMARC of incoming mail with `mailauth`, when INBOUND_AUTH=enforce. Over SMTP Quorum is the receiving
 * server and knows the connecting address and HELO: all three are checked. Over IMAP it is not: the council's server
 * received the message, so its Authentication-Results header is believed where INBOUND_AUTH_SERVID names it;
 * otherwise DKIM and DMARC are checked over the message as stored (DKIM survives the mailbox; SPF cannot be checked
 * again without the sender's address, so a domain without DMARC must have signed with DKIM).
 */
@Injectable()
export class InboundAuthentication {
  /** The DNS lookups mailauth makes (the system's resolver unless replaced: tests give an in-memory zone). */
  resolver: DNSResolver | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get enforced(): boolean {
    return this.config.inboundAuth.enforce;
  }

  async check(raw: string, origin: InboundOrigin): Promise<AuthenticationVerdict> {
    if (!this.enforced) return { pass: true };
    const results = await this.results(raw, origin);
    if (!results)
      return { pass: false, reason: 'NO_TRUSTED_RESULTS', results: { spf: 'none', dkim: 'none', dmarc: 'none' } };
    return judge(results);
  }

  private async results(raw: string, origin: InboundOrigin): Promise<AuthenticationResults | null> {
    const resolver = this.resolver;
    if (origin.via === 'smtp') {
      const result = await authenticate(raw, {
        ip: origin.ip,
        helo: origin.helo ?? undefined,
        sender: origin.sender ?? undefined,
        mta: this.config.inboundAuth.servId ?? 'quorum.localhost',
        resolver,
        disableArc: true,
        disableBimi: true,
      });
      return {
        spf: result.spf ? result.spf.status.result : 'none',
        dkim: dkimOf(result.dkim.results),
        dmarc: result.dmarc ? result.dmarc.status.result : 'none',
      };
    }
    const servId = this.config.inboundAuth.servId;
    if (servId) return trustedResults(raw, servId);
    const verified = await dkimVerify(raw, { resolver, curTime: this.clock.now() });
    const policy = verified.headerFrom
      ? await dmarc({
          headerFrom: verified.headerFrom,
          spfDomains: [],
          dkimDomains: verified.results
            .filter((r) => r.status.result === 'pass')
            .map((r) => ({
              id: r.id,
              domain: r.signingDomain,
              aligned: r.status.aligned,
              underSized: r.status.underSized,
            })),
          resolver,
        })
      : false;
    return { spf: 'none', dkim: dkimOf(verified.results), dmarc: policy ? policy.status.result : 'none' };
  }
}

function dkimOf(results: { status: { result: string } }[]): string {
  if (results.some((r) => r.status.result === 'pass')) return 'pass';
  return results[0]?.status.result ?? 'none';
}
