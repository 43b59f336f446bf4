import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Problem } from '../http/problem';
import { MeetingQuery } from './book-meeting.dto';
import { Meeting } from './meeting.entity';
import { meetingView, MeetingView } from './meeting-view';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository } from './participants.repository';

/** A meeting as the API answers it, one or a page: four batch reads for any number of meetings. */
@Injectable()
export class MeetingReadsService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
  ) {}

  async view(id: string, db: EntityManager = this.meetings.manager): Promise<MeetingView> {
    const meeting = await this.meetings.find(db, id);
    if (!meeting) throw Problem.notFound('The meeting');
    const [view] = await this.views(db, [meeting]);
    return view;
  }

  /** Several meetings by id, in the order given (one that does not exist is left out): the same five reads as one. */
  async viewAll(ids: string[]): Promise<MeetingView[]> {
    if (ids.length === 0) return [];
    const db = this.meetings.manager;
    const found = new Map((await db.findBy(Meeting, { id: In(ids) })).map((m) => [m.id, m]));
    return this.views(
      db,
      ids.flatMap((id) => found.get(id) ?? []),
    );
  }

  /** `visible`: the access policy's condition on `m`, so that the list holds only what the caller may see. */
  async list(
    query: MeetingQuery,
    visible: { sql: string; params: Record<string, unknown> },
  ): Promise<{ items: MeetingView[]; total: number }> {
    const [meetings, total] = await this.meetings.page(query, visible);
    return { items: await this.views(this.meetings.manager, meetings), total };
  }

  private async views(db: EntityManager, meetings: Meeting[]): Promise<MeetingView[]> {
    const ids = meetings.map((m) => m.id);
    const [cases, sessions, participants, deliveries] = await Promise.all([
      this.meetings.caseReferences(db, ids),
      this.meetings.sessions(db, ids),
      this.participants.active(db, ids),
      this.meetings.invitationMessages(db, ids),
    ]);
    return meetings.map((m) =>
      meetingView(
        m,
        cases.get(m.id) ?? [],
        sessions.get(m.id) ?? [],
        participants.get(m.id) ?? [],
        deliveries.get(m.id) ?? [],
      ),
    );
  }
}
