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
import { LinkTokens } from '../participant-links/link-tokens';
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
  }

  async compose(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    if (!delivery.participantId || !delivery.sessionId) return null;
    const subject = await this.load(db, delivery.participantId, delivery.sessionId);
    if (!subject?.person.email) return null;
    return this.mail(subject, delivery.kind as CalendarKind, delivery.sequence);
  }

  /** Everything one message needs, in two queries (the delivery worker calls this for every message). */
  async load(db: EntityManager, participantId: string, sessionId: string): Promise<InviteSubject | null> {
    const [who] = await db.query(
      `SELECT p.id, p.meeting_id, p.person_id, p.role, p.is_chair, p.session_ids, p.report_required, p.link_nonce, p.removed_at,
              pe.name, pe.email, pe.kind
         FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.id = $1`,
      [participantId],
    );
    if (!who) return null;
    const [what] = await db.query(
      `SELECT row_to_json(m.*) AS meeting, row_to_json(s.*) AS session,
              (SELECT count(*)::int FROM meeting_sessions x WHERE x.meeting_id = m.id) AS session_count,
              ARRAY(SELECT c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = m.id ORDER BY mc.position) AS refs
         FROM meetings m JOIN meeting_sessions s ON s.meeting_id = m.id AND s.id = $2
        WHERE m.id = $1`,
      [who.meeting_id, sessionId],
    );
    if (!what) return null;
    const meeting = db.create(Meeting, {
      id: what.meeting.id,
      type: what.meeting.type,
      status: what.meeting.status,
      sequence: what.meeting.sequence,
      startsAt: new Date(what.meeting.starts_at),
      heldOn: what.meeting.held_on,
      preReadDeadline: new Date(what.meeting.pre_read_deadline),
    });
    const session = db.create(MeetingSession, {
      id: what.session.id,
      meetingId: what.session.meeting_id,
      position: what.session.position,
      label: what.session.label,
      startsAt: new Date(what.session.starts_at),
      endsAt: new Date(what.session.ends_at),
      videoUrl: what.session.video_url,
      dialInNumber: what.session.dial_in_number,
      accessCode: what.session.access_code,
      venue: what.session.venue,
      icalUid: what.session.ical_uid,
    });
    const participant = db.create(Participant, {
      id: who.id,
      meetingId: who.meeting_id,
      personId: who.person_id,
      role: who.role,
      isChair: who.is_chair,
      sessionIds: who.session_ids,
      reportRequired: who.report_required,
      linkNonce: who.link_nonce,
      removedAt: who.removed_at,
    });
    const person = db.create(Person, { id: who.person_id, name: who.name, email: who.email, kind: who.kind });
    return { meeting, session, sessionCount: what.session_count, participant, person, caseReferences: what.refs };
  }

  personalUrl(participant: Participant): string {
    return `${this.config.publicUrl}/p/${this.linkTokens.token('participant', participant.id, participant.linkNonce)}`;
  }

  calendarInvite(s: InviteSubject, kind: CalendarKind, sequence: number): CalendarInvite {
    const rules = this.rules.of(s.meeting.type);
    const cancelling = kind === 'CANCEL' || kind === 'UNINVITE';
    const join = { videoUrl: s.session.videoUrl, dialInNumber: s.session.dialInNumber, accessCode: s.session.accessCode, venue: s.session.venue };
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
      }),
      location: join.videoUrl ?? join.venue ?? join.dialInNumber ?? null,
      url: personalUrl,
      organizer: { name: 'Quorum safeguarding meetings', email: this.config.mailFrom },
      attendee: { name: s.person.name, email: s.person.email ?? '', isChair: s.participant.isChair },
      status: kind === 'CANCEL' ? 'CANCELLED' : kind === 'UNINVITE' ? null : 'CONFIRMED',
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
        join: { videoUrl: s.session.videoUrl, dialInNumber: s.session.dialInNumber, accessCode: s.session.accessCode, venue: s.session.venue },
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
