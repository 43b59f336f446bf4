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

/** One row of the batched load: the participant and their person, the meeting and the session as JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SubjectRow = Record<string, any>;

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
    const rows: SubjectRow[] = await db.query(
      `SELECT k.participant_id AS key_participant, k.session_id AS key_session,
              p.id, p.meeting_id, p.person_id, p.role, p.is_chair, p.session_ids, p.report_required, p.link_nonce, p.removed_at,
              pe.name, pe.email, pe.kind,
              row_to_json(m.*) AS meeting, row_to_json(s.*) AS session,
              (SELECT count(*)::int FROM meeting_sessions x WHERE x.meeting_id = m.id) AS session_count,
              -- A family member connected to some of the children reads only their references (issue 17).
              ARRAY(SELECT c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id
                     WHERE mc.meeting_id = m.id AND (p.case_ids IS NULL OR mc.case_id = ANY(p.case_ids)) ORDER BY mc.position) AS refs
         FROM unnest($1::uuid[], $2::uuid[]) AS k(participant_id, session_id)
         JOIN participants p ON p.id = k.participant_id
         JOIN people pe ON pe.id = p.person_id
         JOIN meetings m ON m.id = p.meeting_id
         JOIN meeting_sessions s ON s.meeting_id = m.id AND s.id = k.session_id`,
      [keys.map((k) => k.participantId), keys.map((k) => k.sessionId)],
    );
    const found = new Map(rows.map((row) => [`${row.key_participant}:${row.key_session}`, row]));
    for (const request of requests) {
      const row = found.get(`${request.participantId}:${request.sessionId}`);
      request.resolve(row ? this.subjectOf(db, row) : null);
    }
  }

  private subjectOf(db: EntityManager, row: SubjectRow): InviteSubject {
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
    return { meeting, session, sessionCount: row.session_count, participant, person, caseReferences: row.refs };
  }

  /** The personal link as composed messages carry it: a placeholder the worker fills in at send time. */
  personalUrl(_participant: Participant): string {
    return `${this.config.publicUrl}/p/${PERSONAL_LINK_PLACEHOLDER}`;
  }

  /** The real token, from the stored nonce, for the copy handed to the relay. */
  private async personalLinkToken(participantId: string, db: EntityManager): Promise<string | null> {
    const [row]: { link_nonce: string }[] = await db.query(`SELECT link_nonce FROM participants WHERE id = $1`, [
      participantId,
    ]);
    return row ? this.linkTokens.token('participant', participantId, row.link_nonce) : null;
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
