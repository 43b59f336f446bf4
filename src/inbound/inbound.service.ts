import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ParsedMail } from 'mailparser';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Delivery } from '../deliveries/delivery.entity';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingSession } from '../meetings/meeting-session.entity';
import { Participant } from '../meetings/participant.entity';
import { Clock } from '../time/clock';
import type { CalendarAnswer } from './calendar-reply';
import type { DeliveryReport } from './delivery-status';
import { ClassifiedMessage, classifyInbound } from './inbound-classifier';
import { INBOUND_OUTCOMES, InboundMessage, InboundOutcome } from './inbound-message.entity';
import { InboundAuthentication, InboundOrigin } from './inbound-authentication';
import { decideReply } from './reply-decision';
import { InboundListFilter, InboundRepository } from './inbound.repository';

type Row = Partial<InboundMessage> & { outcome: InboundOutcome };

/** The actor of what incoming mail changes, in the audit trail. */
const ACTOR = 'inbound-mail';

/**
 * Applies what comes back to the organiser mailbox: a participant's calendar answer becomes their RSVP, a bounce marks
 * its delivery BOUNCED, anything doubtful is listed for the coordinator. Each message in one transaction with its
 * audit trail and its own row, so a message delivered twice (same Message-ID) changes things once.
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly inbound: InboundRepository,
    private readonly authentication: InboundAuthentication,
  ) {}

  /**
   * One message, from the SMTP listener or the IMAP poll (`origin`). Under INBOUND_AUTH=enforce a message failing
   * SPF/DKIM/DMARC is recorded as REJECTED and changes nothing; without its Message-ID, so a forger who copies a real
   * message's id cannot make the real one a duplicate.
   */
  async receive(mail: ParsedMail, raw: string, origin: InboundOrigin): Promise<InboundOutcome | 'DUPLICATE'> {
    const verdict = await this.authentication.check(raw, origin);
    const message = verdict.pass ? this.classify(mail, raw) : null;
    const id = mail.messageId ? mail.messageId.replace(/^<|>$/g, '').trim() || null : null;
    const messageId = verdict.pass ? id : null;
    try {
      const row = await this.dataSource.transaction(async (db) => {
        if (messageId && (await db.existsBy(InboundMessage, { messageId }))) return null;
        const row: Row = verdict.pass
          ? await this.apply(db, message!)
          : {
              outcome: 'REJECTED',
              reason: verdict.reason,
              sender: mail.from?.value[0]?.address?.toLowerCase() ?? null,
              detail: `spf=${verdict.results.spf} dkim=${verdict.results.dkim} dmarc=${verdict.results.dmarc}`,
            };
        const saved = await db.save(db.create(InboundMessage, { ...row, messageId, receivedAt: this.clock.now() }));
        if (row.outcome === 'REVIEW' || row.outcome === 'REJECTED') {
          await this.audit.record(db, {
            actor: ACTOR,
            action: row.outcome === 'REVIEW' ? 'inbound.needs-review' : 'inbound.rejected',
            entity: 'inbound-message',
            entityId: saved.id,
            meetingId: row.meetingId ?? null,
            changes: { reason: row.reason, sessionId: row.sessionId ?? null, participantId: row.participantId ?? null },
          });
        }
        return saved;
      });
      if (!row) return 'DUPLICATE';
      // Ids and outcomes only: never an address or a subject (DESIGN.md "Privacy by default").
      this.logger.log(
        { inbound: row.id, outcome: row.outcome, reason: row.reason, meeting: row.meetingId, delivery: row.deliveryId },
        'inbound message',
      );
      return row.outcome;
    } catch (error) {
      // The same message arriving twice at once: the other copy's transaction committed first.
      if (error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505')
        return 'DUPLICATE';
      throw error;
    }
  }

  private async apply(db: EntityManager, message: ClassifiedMessage): Promise<Row> {
    switch (message.kind) {
      case 'CALENDAR':
        return this.applyAnswer(db, message.answer, message.from);
      case 'DELIVERY_REPORT':
        return this.applyReport(db, message.report);
      case 'AUTO_REPLY':
        // Counted by its row, nothing else: an out-of-office says nothing about coming to the meeting.
        return { outcome: 'AUTO_REPLY' };
      case 'UNRECOGNISED':
        return { outcome: 'IGNORED', reason: 'UNRECOGNISED' };
    }
  }

  /** A message that cannot be read is set aside, not refused: refusing it would only have the sender try again for days. */
  private classify(mail: ParsedMail, raw: string): ClassifiedMessage {
    try {
      return classifyInbound(mail, raw);
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'inbound message could not be read');
      return { kind: 'UNRECOGNISED' };
    }
  }

  /** A REPLY or COUNTER to one of our sessions. */
  private async applyAnswer(db: EntityManager, answer: CalendarAnswer, from: string | null): Promise<Row> {
    const session = await db.findOneBy(MeetingSession, { icalUid: answer.uid });
    if (!session) return { outcome: 'IGNORED', reason: 'NOT_OUR_EVENT' };
    const meeting = await db.findOneByOrFail(Meeting, { id: session.meetingId });
    const where = { meetingId: meeting.id, sessionId: session.id };
    if (meeting.status === 'CANCELLED') return { outcome: 'IGNORED', reason: 'MEETING_CANCELLED', ...where };
    const attendee = answer.attendees.length === 1 ? answer.attendees[0].address : null;
    const match = attendee ? await this.inbound.answeringParticipant(meeting.id, session.id, attendee, db) : undefined;
    const decision = decideReply(answer, from, match?.email ?? null, session.sequence);
    if (decision.kind === 'REVIEW') {
      return {
        outcome: 'REVIEW',
        reason: decision.reason,
        ...where,
        participantId: match?.id ?? null,
        sender: from,
        attendee,
        proposedStartsAt: answer.proposed?.startsAt ?? null,
        proposedEndsAt: answer.proposed?.endsAt ?? null,
      };
    }
    // decideReply answers REVIEW for an attendee who matched no participant, so here there is one.
    const participant = match!;
    await db.update(Participant, { id: participant.id }, { rsvp: decision.rsvp, rsvpAt: this.clock.now() });
    await this.audit.record(db, {
      actor: `participant:${participant.id}`,
      action: 'participant.replied-from-calendar',
      entity: 'participant',
      entityId: participant.id,
      meetingId: meeting.id,
      personId: participant.person_id,
      changes: { rsvp: decision.rsvp, sessionId: session.id, sequence: answer.sequence },
    });
    return { outcome: 'RSVP', rsvp: decision.rsvp, ...where, participantId: participant.id };
  }

  /** A delivery status notification about one of our messages: `<delivery id@MAIL_FROM's domain>` (delivery-worker.ts). */
  private async applyReport(db: EntityManager, report: DeliveryReport): Promise<Row> {
    if (report.action !== 'failed')
      return { outcome: 'IGNORED', reason: `DSN_${(report.action ?? 'UNKNOWN').toUpperCase()}` };
    const domain = this.config.mailFrom.split('@')[1].toLowerCase();
    const ours = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@(.+)$/i.exec(
      report.originalMessageId ?? '',
    );
    if (!ours || ours[2].toLowerCase() !== domain) return { outcome: 'IGNORED', reason: 'NOT_OUR_MESSAGE' };
    const delivery = await db.findOneBy(Delivery, { id: ours[1].toLowerCase() });
    if (!delivery) return { outcome: 'IGNORED', reason: 'NOT_OUR_MESSAGE' };
    const detail =
      [report.status, report.diagnostic].filter(Boolean).join(' ').slice(0, 500) ||
      'returned by the recipient’s server';
    await db.update(
      Delivery,
      { id: delivery.id, status: In(['SENT', 'SENDING', 'BOUNCED']) },
      { status: 'BOUNCED', lastError: detail, leaseUntil: null, updatedAt: this.clock.now() },
    );
    const participant = delivery.participantId ? await db.findOneBy(Participant, { id: delivery.participantId }) : null;
    await this.audit.record(db, {
      actor: ACTOR,
      action: 'delivery.bounced',
      entity: 'delivery',
      entityId: delivery.id,
      meetingId: delivery.meetingId,
      personId: participant?.personId ?? null,
      changes: { kind: delivery.kind, status: report.status },
    });
    return {
      outcome: 'BOUNCE',
      meetingId: delivery.meetingId,
      sessionId: delivery.sessionId,
      participantId: delivery.participantId,
      deliveryId: delivery.id,
      detail,
    };
  }

  /** What needs a person (replies to review, counters, bounces), newest first, with how many of each outcome came in. */
  /** `visible`: the access policy's condition on a meeting aliased `vm`; `unmatched`: whether to list what matched none. */
  async list(filter: InboundListFilter, visible: { sql: string; params: Record<string, unknown> }, unmatched: boolean) {
    const [[items, total], counted] = await Promise.all([
      this.inbound.page(filter, visible, unmatched),
      this.inbound.countsByOutcome(),
    ]);
    const counts = Object.fromEntries(INBOUND_OUTCOMES.map((o) => [o, counted.find((c) => c.outcome === o)?.n ?? 0]));
    return { items, total, counts };
  }
}
