import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Delivery } from '../deliveries/delivery.entity';
import { renderIcs } from '../deliveries/rendering/calendar-invite';
import { foldLines } from '../deliveries/rendering/ics-text';
import { Problem } from '../http/problem';
import { MeetingSession } from './meeting-session.entity';
import { Participant } from './participant.entity';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InviteComposer,
    private readonly clock: Clock,
  ) {}

  async latest(
    meetingId: string,
    participantId: string,
    session?: string,
  ): Promise<{ method: string; content: string }> {
    const participant = await this.dataSource.getRepository(Participant).findOneBy({ id: participantId, meetingId });
    if (!participant) throw Problem.notFound('The participant');
    const sessions = await this.dataSource
      .getRepository(MeetingSession)
      .find({ where: { meetingId }, order: { position: 'ASC' } });
    const attended = sessions.filter((s) => participant.sessionIds.includes(s.id));
    const chosen =
      session === undefined ? attended[0] : attended.find((s) => s.id === session || String(s.position) === session);
    if (!chosen) throw Problem.notFound('That session of the participant');

    const sent = await this.dataSource.getRepository(Delivery).findOne({
      where: [
        { participantId, sessionId: chosen.id, status: 'SENT', channel: 'email' },
        { participantId, sessionId: chosen.id, status: 'SENDING', channel: 'email' },
      ],
      order: { createdAt: 'DESC' },
    });
    const subject = await this.composer.load(this.dataSource.manager, participantId, chosen.id);
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
    // The nonce is never selected by default: ask for it, since the link is derived from it.
    const participant = await this.dataSource
      .getRepository(Participant)
      .createQueryBuilder('p')
      .addSelect('p.linkNonce')
      .where('p.id = :participantId AND p.meeting_id = :meetingId', { participantId, meetingId })
      .getOneOrFail();
    return { method: file.method, content: withoutPersonalLink(file.content, this.composer.personalUrl(participant)) };
  }
}
