import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Composers } from '../deliveries/composers';
import { CALENDAR_KINDS, CalendarKind, Delivery } from '../deliveries/delivery.entity';
import { composeInviteEmail, OutgoingMail } from '../deliveries/rendering/invite-email';
import { CalendarInvite, describeInvite, meetingTitle } from '../deliveries/rendering/calendar-invite';
import { Person } from '../directory/person.entity';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { LinkTokens } from '../link-tokens/link-tokens';
import { NO_JOINING_DETAILS } from './joining-details';
import { PERSONAL_LINK_PLACEHOLDER } from '../deliveries/personal-link-at-send';
import { TemplateRenderer } from '../templates/template-renderer';
import { Clock } from '../time/clock';
import { Meeting } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';
import { Participant } from './participant.entity';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository, SubjectRow } from './participants.repository';

/** Everything one calendar message about one session, for one participant, is made from. */
export interface InviteSubject {
  meeting: Meeting;
  session: MeetingSession;
  sessionCount: number;
  participant: Participant;
  person: Person;
  caseReferences: string[];
}

interface PendingLoad {
  participantId: string;
  sessionId: string;
  resolve(subject: InviteSubject | null): void;
  reject(error: unknown): void;
}

/** Writes invitations, updates and cancellations from the current state of the meeting. */
@Injectable()
export class InviteComposer implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly composers: Composers,
    private readonly rules: MeetingRules,
    private readonly renderer: TemplateRenderer,
    private readonly linkTokens: LinkTokens,
    private readonly clock: Clock,
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
  ) {}

  onModuleInit(): void {
    this.composers.register(CALENDAR_KINDS, (delivery, db) => this.compose(delivery, db));
    this.composers.registerPersonalLinks((participantId, db) => this.personalLinkToken(participantId, db));
  }

  async compose(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    if (!delivery.participantId || !delivery.sessionId) return null;
    const subject = await this.load(db, delivery.participantId, delivery.sessionId);
    if (!subject?.person.email) return null;
    return this.mail(subject, delivery.kind as CalendarKind, delivery.sequence);
  }

  /**
   * Everything one message needs. Calls made in the same turn of the event loop on the same EntityManager (the delivery
   * worker composes a claimed batch of 100 at once) are answered by one query for all of them, not two per message.
   */
  load(db: EntityManager, participantId: string, sessionId: string): Promise<InviteSubject | null> {
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(db);
      if (!batch) {
        const created: PendingLoad[] = [];
        batch = created;
        this.pending.set(db, created);
        setImmediate(() => {
          if (this.pending.get(db) === created) this.pending.delete(db);
          this.loadMany(db, created).catch((error: unknown) => created.forEach((p) => p.reject(error)));
        });
      }
      batch.push({ participantId, sessionId, resolve, reject });
    });
  }

  private readonly pending = new Map<EntityManager, PendingLoad[]>();

  private async loadMany(db: EntityManager, requests: PendingLoad[]): Promise<void> {
    const keys = [...new Map(requests.map((r) => [`${r.participantId}:${r.sessionId}`, r])).values()];
    const rows = await this.participants.inviteSubjects(
      db,
      keys.map((k) => k.participantId),
      keys.map((k) => k.sessionId),
    );
    const references = await this.meetings.caseReferences(db, [...new Set(rows.map((r) => r.meeting_id))]);
    const found = new Map(rows.map((row) => [`${row.key_participant}:${row.key_session}`, row]));
    for (const request of requests) {
      const row = found.get(`${request.participantId}:${request.sessionId}`);
      // A family member connected to some of the children reads only their references (issue 17).
      const caseReferences = (references.get(row?.meeting_id ?? '') ?? [])
        .filter((c) => !row?.case_ids || row.case_ids.includes(c.id))
        .map((c) => c.reference);
      request.resolve(row ? this.subjectOf(db, row, caseReferences) : null);
    }
  }

  private subjectOf(db: EntityManager, row: SubjectRow, caseReferences: string[]): InviteSubject {
    const meeting = db.create(Meeting, {
      id: row.meeting.id,
      type: row.meeting.type,
      status: row.meeting.status,
      sequence: row.meeting.sequence,
      startsAt: new Date(row.meeting.starts_at),
      heldOn: row.meeting.held_on,
      preReadDeadline: new Date(row.meeting.pre_read_deadline),
    });
    const session = db.create(MeetingSession, {
      id: row.session.id,
      meetingId: row.session.meeting_id,
      position: row.session.position,
      label: row.session.label,
      startsAt: new Date(row.session.starts_at),
      endsAt: new Date(row.session.ends_at),
      videoUrl: row.session.video_url,
      dialInNumber: row.session.dial_in_number,
      accessCode: row.session.access_code,
      venue: row.session.venue,
      icalUid: row.session.ical_uid,
      sequence: row.session.sequence,
    });
    const participant = db.create(Participant, {
      id: row.id,
      meetingId: row.meeting_id,
      personId: row.person_id,
      role: row.role,
      isChair: row.is_chair,
      sessionIds: row.session_ids,
      reportRequired: row.report_required,
      linkNonce: row.link_nonce,
      removedAt: row.removed_at,
    });
    const person = db.create(Person, { id: row.person_id, name: row.name, email: row.email, kind: row.kind });
    return { meeting, session, sessionCount: row.session_count, participant, person, caseReferences };
  }

  /** The personal link as composed messages carry it: a placeholder the worker fills in at send time. */
  personalUrl(_participant: Participant): string {
    return `${this.config.publicUrl}/p/${PERSONAL_LINK_PLACEHOLDER}`;
  }

  /** The real token, from the stored nonce, for the copy handed to the relay. */
  private async personalLinkToken(participantId: string, db: EntityManager): Promise<string | null> {
    const nonce = await this.participants.linkNonce(db, participantId);
    return nonce ? this.linkTokens.token('participant', participantId, nonce) : null;
  }

  /** The session's joining details, or none for a cancellation or when `withoutJoin` (a session that has ended). */
  private joinOf(s: InviteSubject, kind: CalendarKind, withoutJoin: boolean) {
    const cancelling = kind === 'CANCEL' || kind === 'UNINVITE';
    return cancelling || withoutJoin
      ? { ...NO_JOINING_DETAILS }
      : {
          videoUrl: s.session.videoUrl,
          dialInNumber: s.session.dialInNumber,
          accessCode: s.session.accessCode,
          venue: s.session.venue,
        };
  }

  calendarInvite(s: InviteSubject, kind: CalendarKind, sequence: number, withoutJoin = false): CalendarInvite {
    const rules = this.rules.of(s.meeting.type);
    const cancelling = kind === 'CANCEL' || kind === 'UNINVITE';
    const join = this.joinOf(s, kind, withoutJoin);
    const personalUrl = this.personalUrl(s.participant);
    return {
      method: cancelling ? 'CANCEL' : 'REQUEST',
      uid: s.session.icalUid,
      sequence,
      stamp: this.clock.now(),
      start: s.session.startsAt,
      end: s.session.endsAt,
      summary: meetingTitle({
        typeShortLabel: rules.shortLabel,
        typeLabel: rules.label,
        caseReferences: s.caseReferences,
        date: s.session.startsAt,
        part: s.sessionCount > 1 ? { index: s.session.position + 1, count: s.sessionCount } : undefined,
      }),
      description: describeInvite({
        typeLabel: rules.label,
        caseReferences: s.caseReferences,
        start: s.session.startsAt,
        end: s.session.endsAt,
        join,
        preReadDeadline: s.meeting.preReadDeadline,
        personalUrl,
        reportRequired: s.participant.reportRequired,
        cancelled: cancelling,
        uninvited: kind === 'UNINVITE',
      }),
      location: join.videoUrl ?? join.venue ?? join.dialInNumber ?? null,
      url: personalUrl,
      organizer: { name: 'Quorum safeguarding meetings', email: this.config.mailFrom },
      attendee: { name: s.person.name, email: s.person.email ?? '', isChair: s.participant.isChair },
      // API.md "Invitations": every cancellation, a removed participant's included, is STATUS:CANCELLED. Each
      // recipient has a VEVENT of their own (one ATTENDEE), so it cancels only that person's copy.
      status: cancelling ? 'CANCELLED' : 'CONFIRMED',
    };
  }

  mail(s: InviteSubject, kind: CalendarKind, sequence: number): OutgoingMail {
    const rules = this.rules.of(s.meeting.type);
    const invite = this.calendarInvite(s, kind, sequence);
    return composeInviteEmail(
      this.renderer,
      {
        kind,
        invite,
        recipientName: s.person.name,
        typeLabel: rules.label,
        caseReferences: s.caseReferences,
        join: this.joinOf(s, kind, false),
        preReadDeadline: s.meeting.preReadDeadline,
        personalUrl: invite.url ?? '',
        reportRequired: s.participant.reportRequired,
        sessionLabel: s.session.label,
        part: s.sessionCount > 1 ? { index: s.session.position + 1, count: s.sessionCount } : undefined,
      },
      this.config.mailFrom,
    );
  }
}
