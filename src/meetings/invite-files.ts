import { Injectable } from '@nestjs/common';
import { renderIcs } from '../deliveries/rendering/calendar-invite';
import { foldLines } from '../deliveries/rendering/ics-text';
import { Problem } from '../http/problem';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository } from './participants.repository';
import { InviteComposer } from './invite-composer';
import { joiningDetailsShown } from './joining-details';
import { Clock } from '../time/clock';

/** What staff see in place of a participant's personal link: the link is the participant's key, not theirs. */
export const PERSONAL_LINK_WITHHELD = '(personal link: sent to the participant only)';

/** The invite text with every occurrence of the personal link replaced, and its URL property dropped (RFC 5545 unfolded, then folded again). */
export function withoutPersonalLink(ics: string, personalUrl: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const kept = lines
    .filter((line) => !/^URL[;:]/.test(line))
    .map((line) => line.split(personalUrl).join(PERSONAL_LINK_WITHHELD));
  return foldLines(kept.join('\r\n'));
}

/** The `.ics` a participant was sent for a session (or, before anything was sent, what they will be sent). */
@Injectable()
export class InviteFiles {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly composer: InviteComposer,
    private readonly clock: Clock,
  ) {}

  async latest(
    meetingId: string,
    participantId: string,
    session?: string,
  ): Promise<{ method: string; content: string }> {
    const db = this.meetings.manager;
    const participant = await this.participants.find(db, meetingId, participantId);
    if (!participant) throw Problem.notFound('The participant');
    const sessions = await this.meetings.sessionsOf(db, meetingId);
    const attended = sessions.filter((s) => participant.sessionIds.includes(s.id));
    const chosen =
      session === undefined ? attended[0] : attended.find((s) => s.id === session || String(s.position) === session);
    if (!chosen) throw Problem.notFound('That session of the participant');

    const sent = await this.meetings.latestSent(db, participantId, chosen.id);
    const subject = await this.composer.load(db, participantId, chosen.id);
    // What was sent, while it may still be used to join; after the session or a cancellation it is rendered
    // again without the joining details (they were sent, but a file fetched now does not repeat them).
    const joinable = subject ? joiningDetailsShown(subject.meeting.status, chosen.endsAt, this.clock.now()) : false;
    const ical = sent?.rendered?.icalEvent;
    if (ical && joinable) return { method: ical.method, content: ical.content };

    if (!subject) throw Problem.notFound('The invitation');
    const kind = participant.removedAt ? 'UNINVITE' : subject.meeting.status === 'CANCELLED' ? 'CANCEL' : 'INVITE';
    const sequence = Math.max(subject.session.sequence, sent?.sequence ?? 0);
    const invite = this.composer.calendarInvite(
      { ...subject, person: { ...subject.person, email: subject.person.email ?? 'no-email@invalid' } },
      kind,
      sequence,
      !joinable,
    );
    return { method: invite.method, content: renderIcs(invite) };
  }

  /** What staff may download: the participant's invite without their personal link (issue 16: staff never hold a participant's keys). */
  async forStaff(
    meetingId: string,
    participantId: string,
    session?: string,
  ): Promise<{ method: string; content: string }> {
    const file = await this.latest(meetingId, participantId, session);
    const participant = await this.participants.withLinkNonce(this.meetings.manager, meetingId, participantId);
    return { method: file.method, content: withoutPersonalLink(file.content, this.composer.personalUrl(participant)) };
  }
}
