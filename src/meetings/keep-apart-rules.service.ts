import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Problem } from '../http/problem';
import { Clock } from '../time/clock';
import { KeepApartDto } from './safety.dto';
import { keepApartBreaches } from './keep-apart';
import { MeetingsRepository } from './meetings.repository';
import { ParticipantsRepository } from './participants.repository';
import { KeepApartRule } from './safety.entities';

/** Adds keep-apart rules: a safety concern recorded once and enforced on every booking and change after it. */
@Injectable()
export class KeepApartRulesService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A rule on a case (every meeting about it) or on one meeting; refused if a booked meeting already breaks it. */
  async add(
    actor: string,
    scope: { caseId: string } | { meetingId: string },
    dto: KeepApartDto,
  ): Promise<KeepApartRule> {
    return this.meetings.transaction(async (db) => {
      const people = await this.participants.countPeople(db, dto.personIds);
      if (people !== 2) throw Problem.unprocessable('personIds', 'both must be people in the directory');
      const meetingIds =
        'meetingId' in scope
          ? [scope.meetingId]
          : await this.meetings.comingMeetingIdsOfCase(db, scope.caseId, this.clock.now());
      const rule = await this.participants.addKeepApartRule(db, {
        caseId: null,
        meetingId: null,
        ...scope,
        personIds: dto.personIds,
        note: dto.note ?? null,
        createdBy: actor,
      });
      const [sessions, present] = [
        await this.meetings.sessions(db, meetingIds),
        await this.participants.active(db, meetingIds),
      ];
      for (const id of meetingIds) {
        const breaches = keepApartBreaches([rule], present.get(id) ?? [], sessions.get(id) ?? []);
        if (breaches.length)
          throw Problem.conflict(
            `Meeting ${id} already breaks this rule (session ${breaches[0].sessionIndex + 1}); split the meeting first`,
          );
      }
      await this.audit.record(db, {
        actor,
        action: 'keep-apart.added',
        entity: 'keep-apart-rule',
        entityId: rule.id,
        meetingId: 'meetingId' in scope ? scope.meetingId : null,
      });
      return rule;
    });
  }
}
