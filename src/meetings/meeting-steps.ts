import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Outbox } from '../deliveries/outbox';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { LinkTokens } from '../link-tokens/link-tokens';
import { Clock } from '../time/clock';
import { Attendee, heldOnOf, LINK_LIFETIME_AFTER_MEETING_MS } from './booking-checks';
import { Timescales } from './case-history.repository';
import { describeBreaches, keepApartBreaches } from './keep-apart';
import { Meeting } from './meeting.entity';
import { MeetingSession } from './meeting-session.entity';
import { meetingEtag } from './meeting-view';
import { ChairClash, MeetingsRepository, Slot } from './meetings.repository';
import { Participant } from './participant.entity';
import { ParticipantsRepository } from './participants.repository';

/** The chair is already booked then: 409 naming the clash. */
export function chairClashProblem(clash: ChairClash): Problem {
  return Problem.conflict(
    `The chair is already booked from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()} (${clash.type} meeting ${clash.meetingId}); send allowOverlap: true to book anyway`,
    [{ field: 'chairId', message: `overlaps ${clash.type} meeting ${clash.meetingId}` }],
  );
}

/** The rules the attendance would break, as the 409 that names them, or null. */
export function keepApartProblem(
  rules: { id: string; personIds: string[] }[],
  attendees: { personId: string; sessionIds: string[] }[],
  sessions: { id: string; position: number }[],
): Problem | null {
  const breaches = keepApartBreaches(rules, attendees, sessions);
  if (!breaches.length) return null;
  return Problem.conflict(
    `This would put two people who are kept apart in the same session: ${describeBreaches(breaches)}. Book them into separate sessions.`,
    [{ field: 'participants', message: describeBreaches(breaches) }],
  );
}

/** The steps booking and the changes to a booked meeting share, each inside the caller's transaction. */
@Injectable()
export class MeetingSteps {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly rules: MeetingRules,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly timescales: Timescales,
    private readonly linkTokens: LinkTokens,
  ) {}

  /** The meeting, locked for the change; `If-Match` with a stale ETag is 412 (optimistic concurrency). */
  async lockOpenMeeting(db: EntityManager, id: string, ifMatch?: string): Promise<Meeting> {
    const meeting = await this.meetings.lock(db, id);
    if (!meeting) throw Problem.notFound('The meeting');
    const tags = ifMatch?.split(',').map((t) => t.trim());
    if (ifMatch !== undefined && ifMatch !== '*' && !tags?.includes(meetingEtag(meeting))) {
      throw new Problem(
        412,
        `The meeting has changed since you read it (now ${meetingEtag(meeting)}); read it again and retry`,
      );
    }
    if (meeting.status === 'CANCELLED') throw Problem.conflict('The meeting is cancelled and can no longer change');
    return meeting;
  }

  /** Refuses to double-book a chair: 409 naming the clash (chairClashProblem). */
  async refuseChairClash(
    db: EntityManager,
    chairId: string,
    meetingId: string | null,
    slots: Slot[],
    ignoreSessionId?: string,
  ): Promise<void> {
    const clash = await this.meetings.chairClash(db, chairId, meetingId, slots, ignoreSessionId);
    if (clash) throw chairClashProblem(clash);
  }

  /** 409 naming the rule and the session (never the people), so a split booking can be made instead. */
  async refuseKeepApartBreach(
    db: EntityManager,
    meetingId: string,
    caseIds: string[],
    attendees: { personId: string; sessionIds: string[] }[],
    sessions: MeetingSession[],
  ): Promise<void> {
    const problem = keepApartProblem(
      await this.participants.keepApartRules(db, meetingId, caseIds),
      attendees,
      sessions,
    );
    if (problem) throw problem;
  }

  /** Writes the attendees as participants, each with a personal link that works until 28 days after the meeting. */
  async insertParticipants(db: EntityManager, meeting: Meeting, attendees: Attendee[]): Promise<Participant[]> {
    const { rows, linkExpiresAt } = this.participantRows(meeting.id, meeting.endsAt, attendees);
    await this.participants.insert(db, meeting.id, linkExpiresAt, rows);
    return rows;
  }

  /** The attendees as participant rows, not yet written: ids chosen, personal links issued. */
  participantRows(
    meetingId: string,
    meetingEndsAt: Date,
    attendees: Attendee[],
  ): { rows: Participant[]; linkExpiresAt: Date } {
    const linkExpiresAt = new Date(meetingEndsAt.getTime() + LINK_LIFETIME_AFTER_MEETING_MS);
    const rows = attendees.map((a) => {
      const id = randomUUID();
      const link = this.linkTokens.issue('participant', id);
      return Object.assign(new Participant(), {
        interpreterLanguage: null,
        phoneOnly: false,
        assistedVideo: false,
        accessibilityNotes: null,
        caseIds: null,
        ...a,
        id,
        meetingId,
        linkNonce: link.nonce,
        linkTokenHash: link.hash,
        linkExpiresAt,
        rsvp: 'NEEDS_ACTION' as const,
        rsvpAt: null,
        removedAt: null,
      });
    });
    return { rows, linkExpiresAt };
  }

  /** Start, end, pre-read deadline and timescale follow the sessions. */
  async refreshComputed(db: EntityManager, meeting: Meeting): Promise<void> {
    const sessions = await this.meetings.sessionsOf(db, meeting.id);
    const startedAt = meeting.startsAt.getTime();
    meeting.startsAt = new Date(Math.min(...sessions.map((s) => s.startsAt.getTime())));
    meeting.endsAt = new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())));
    meeting.heldOn = heldOnOf(sessions);
    // Only a new start moves the deadline: changing a later part must not turn a deadline that has rightly passed
    // into "at the start" (a deadline is set in the future only when it is set).
    if (meeting.startsAt.getTime() !== startedAt)
      meeting.preReadDeadline = this.timescales.preReadDeadline(this.rules.of(meeting.type), meeting.startsAt);
    const due = await this.timescales.dueFor(db, {
      type: meeting.type,
      caseIds: await this.meetings.caseIdsOf(db, meeting.id),
      heldOn: meeting.heldOn,
      relatedMeetingId: meeting.relatedMeetingId,
      excludeMeetingId: meeting.id,
    });
    Object.assign(meeting, { dueBy: due.dueBy, dueBasis: due.basis, withinTimescale: due.withinTimescale });
    // Reminders and packs armed for an earlier deadline are re-armed by the sweep for the new one.
    await this.outbox.supersedePending(db, meeting.id, { deadlineOtherThan: meeting.preReadDeadline });
    await this.participants.setLinkExpiry(
      db,
      meeting.id,
      new Date(meeting.endsAt.getTime() + LINK_LIFETIME_AFTER_MEETING_MS),
    );
  }

  /**
   * Every change raises the meeting's sequence (API.md) and, for the parts it sends about, each part's own SEQUENCE
   * (INVITES.md C3: per part; a part not re-sent keeps its number). `null`: every part. Returns the parts' new numbers.
   */
  async raiseSequences(db: EntityManager, meeting: Meeting, sessionIds: string[] | null): Promise<Map<string, number>> {
    meeting.sequence += 1;
    await this.meetings.save(db, meeting);
    return this.meetings.raiseSessionSequences(db, meeting.id, sessionIds, this.clock.now());
  }

  mailDomain(): string {
    return this.config.mailFrom.split('@')[1] ?? 'quorum.localhost';
  }
}
