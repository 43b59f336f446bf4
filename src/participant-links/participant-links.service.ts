import { Injectable } from '@nestjs/common';
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
    return {
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

  /** "I need help to take part": stored, merged into their access needs and audited, in one transaction. */
  async askForHelp(token: string, input: HelpRequestInput): Promise<HelpRequestRow> {
    const participant = await this.participantFor(token);
    return this.dataSource.transaction((db) => recordHelpRequest(db, this.audit, participant, input, this.clock.now()));
  }
}
