import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Delivery } from '../deliveries/delivery.entity';
import { renderIcs } from '../deliveries/rendering/calendar-invite';
import { Problem } from '../http/problem';
import { MeetingSession } from './meeting-session.entity';
import { Participant } from './participant.entity';
import { InviteComposer } from './invite-composer';
import { joiningDetailsShown } from './joining-details';
import { Clock } from '../time/clock';

/** The `.ics` a participant was sent for a session (or, before anything was sent, what they will be sent). */
@Injectable()
export class InviteFiles {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InviteComposer,
    private readonly clock: Clock,
  ) {}

  async latest(meetingId: string, participantId: string, session?: string): Promise<{ method: string; content: string }> {
    const participant = await this.dataSource.getRepository(Participant).findOneBy({ id: participantId, meetingId });
    if (!participant) throw Problem.notFound('The participant');
    const sessions = await this.dataSource.getRepository(MeetingSession).find({ where: { meetingId }, order: { position: 'ASC' } });
    const attended = sessions.filter((s) => participant.sessionIds.includes(s.id));
    const chosen = session === undefined ? attended[0] : attended.find((s) => s.id === session || String(s.position) === session);
    if (!chosen) throw Problem.notFound('That session of the participant');

    const sent = await this.dataSource.getRepository(Delivery).findOne({
      where: [
        { participantId, sessionId: chosen.id, status: 'SENT' },
        { participantId, sessionId: chosen.id, status: 'SENDING' },
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
    const invite = this.composer.calendarInvite({ ...subject, person: { ...subject.person, email: subject.person.email ?? 'no-email@invalid' } }, kind, sequence, !joinable);
    return { method: invite.method, content: renderIcs(invite) };
  }
}
