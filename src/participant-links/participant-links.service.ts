import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Person } from '../directory/person.entity';
import { SmsOutbox } from '../sms/sms-outbox';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingSession } from '../meetings/meeting-session.entity';
import { Participant, Rsvp } from '../meetings/participant.entity';
import { Clock } from '../time/clock';
import { HelpRequestInput } from './help-requests';
import { HelpRequestRow, recordHelpRequest } from './help-requests.repository';
import { LinkTokens } from '../link-tokens/link-tokens';
import { ParticipantLinksRepository } from './participant-links.repository';

export interface PersonalPage {
  participant: Participant;
  meeting: Meeting;
  typeLabel: string;
  caseReferences: string[];
  sessions: MeetingSession[];
  /** Who else is in each of their sessions, by role and agency only (never a family member's details). */
  attendees: Map<string, { role: string; agency: string | null; isChair: boolean; family: boolean }[]>;
  /** The business time the page was built at (joining details end with the session). */
  now: Date;
  /** Whether they may choose texts on the page (texts on, and a phone and an email on file), and what they chose. */
  texts: { offered: boolean; chosen: boolean; only: boolean };
}

/** A personal link shows one participant their own meeting, and nothing else. */
@Injectable()
export class ParticipantLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: MeetingRules,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: ParticipantLinksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly smsOutbox: SmsOutbox,
  ) {}

  get manager() {
    return this.dataSource.manager;
  }

  /** The participant a token opens: unknown, removed or expired → 404 (no hint which). */
  async participantFor(token: string): Promise<Participant> {
    const participant = await this.dataSource
      .getRepository(Participant)
      .findOne({ where: { linkTokenHash: LinkTokens.hash(token) } });
    if (!participant || participant.removedAt || participant.linkExpiresAt < this.clock.now())
      throw Problem.notFound('The page');
    return participant;
  }

  async page(token: string): Promise<PersonalPage> {
    const participant = await this.participantFor(token);
    const meeting = await this.dataSource.getRepository(Meeting).findOneByOrFail({ id: participant.meetingId });
    const sessions = await this.dataSource.getRepository(MeetingSession).find({
      where: { id: In(participant.sessionIds) },
      order: { position: 'ASC' },
    });
    const caseReferences = await this.links.caseReferences(meeting.id);
    const others = await this.links.otherParticipants(meeting.id, participant.id);
    const attendees = new Map(
      sessions.map((s) => [
        s.id,
        others
          .filter((o) => o.session_ids.includes(s.id))
          .map((o) => ({
            role: o.role,
            agency: o.kind === 'FAMILY' ? null : o.agency,
            isChair: o.is_chair,
            family: o.kind === 'FAMILY',
          })),
      ]),
    );
    const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: participant.personId });
    const textsOn = Boolean(this.config.sms);
    return {
      texts: {
        offered: textsOn && Boolean(person.phone && person.email),
        chosen: textsOn && Boolean(person.phone && person.email && person.prefersTexts),
        only: textsOn && Boolean(person.phone && !person.email),
      },
      participant,
      meeting,
      typeLabel: this.rules.of(meeting.type).label,
      caseReferences,
      sessions,
      attendees,
      now: this.clock.now(),
    };
  }

  async respond(token: string, rsvp: Rsvp): Promise<Participant> {
    return this.dataSource.transaction(async (db) => {
      const participant = await this.participantFor(token);
      const meeting = await db.findOneByOrFail(Meeting, { id: participant.meetingId });
      if (meeting.status === 'CANCELLED') throw Problem.conflict('The meeting is cancelled');
      await db.update(Participant, { id: participant.id }, { rsvp, rsvpAt: this.clock.now() });
      await this.audit.record(db, {
        actor: `participant:${participant.id}`,
        action: 'participant.responded',
        entity: 'participant',
        entityId: participant.id,
        meetingId: meeting.id,
        personId: participant.personId,
        changes: { rsvp },
      });
      return { ...participant, rsvp };
    });
  }

  /**
   * "Send me texts" from their own page: stored on the person (every meeting of theirs then texts them), the texts of
   * this meeting's sessions ahead armed (or, turned off, what is unsent superseded), audited without the number.
   */
  async chooseTexts(token: string, on: boolean): Promise<boolean> {
    const participant = await this.participantFor(token);
    if (!this.config.sms) throw Problem.conflict('Text messages are not sent by this service');
    return this.dataSource.transaction(async (db) => {
      const person = await db.findOneByOrFail(Person, { id: participant.personId });
      if (!person.phone)
        throw Problem.unprocessable('texts', 'We have no mobile number for you: ask the coordinator to add it');
      if (!person.email)
        throw Problem.unprocessable('texts', 'We have no email address for you, so we already send you texts');
      if (person.prefersTexts === on) return on;
      await db.update(Person, { id: person.id }, { prefersTexts: on });
      await this.smsOutbox.choiceChanged(db, participant.id, on);
      await this.audit.record(db, {
        actor: `participant:${participant.id}`,
        action: on ? 'person.texts-chosen' : 'person.texts-stopped',
        entity: 'person',
        entityId: person.id,
        meetingId: participant.meetingId,
        personId: person.id,
        changes: { prefersTexts: on },
      });
      return on;
    });
  }

  /** "I need help to take part": stored, merged into their access needs and audited, in one transaction. */
  async askForHelp(token: string, input: HelpRequestInput): Promise<HelpRequestRow> {
    const participant = await this.participantFor(token);
    return this.dataSource.transaction((db) => recordHelpRequest(db, this.audit, participant, input, this.clock.now()));
  }
}
