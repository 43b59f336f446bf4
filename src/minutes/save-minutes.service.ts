import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { Clock } from '../time/clock';
import { DecisionLetters } from './decision-letters.service';
import { decisionsSharedAt } from './decisions-shared';
import { MinutesChecks } from './minutes-checks';
import { assertNotCancelled, pickRecord, refuse } from './minutes-context';
import { MinutesDto } from './minutes.dto';
import { MinutesReader, MinutesView } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';
import { recordKeeperProblem } from './record-duties';

/** The draft: saved as often as the chair likes (partial records allowed), and who writes it with them. */
@Injectable()
export class SaveMinutes {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly reader: MinutesReader,
    private readonly checks: MinutesChecks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly letters: DecisionLetters,
  ) {}

  /** PUT: save the draft (partial records allowed; what is there must be right). */
  async save(user: StaffUser, meetingId: string, dto: MinutesDto): Promise<MinutesView> {
    await this.repository.transaction(async (db) => {
      const ctx = await this.reader.context(db, meetingId);
      refuse(recordKeeperProblem(user, ctx.meeting));
      assertNotCancelled(ctx);
      const existing = await this.repository.lock(db, meetingId);
      if (existing && (existing.status === 'APPROVED' || existing.status === 'DISTRIBUTED')) {
        throw Problem.conflict('The minutes are approved and read-only; send an amendment instead');
      }
      const record = pickRecord(dto);
      await this.checks.assertValid(db, ctx, record, false);
      const due = await this.checks.dueDates(db, ctx, record, false);
      const quorate = await this.checks.quorate(db, ctx, record);
      const shared = decisionsSharedAt(existing?.decisionsSharedAt ?? null, record, this.clock.now());
      if (existing) {
        Object.assign(existing, { record, quorate, ...due, decisionsSharedAt: shared, status: 'DRAFT' as const });
        await this.repository.save(db, existing);
      } else {
        await this.repository.insert(db, {
          meetingId,
          record,
          quorate,
          ...due,
          decisionsSharedAt: shared,
          author: user.id,
          status: 'DRAFT',
        });
      }
      // The chair marks the decisions final: the decision letter goes out now, before the full record.
      const saved = existing ?? (await this.repository.lock(db, meetingId));
      if (record.decisionsFinal === true && saved) await this.letters.send(db, ctx, saved, user.id);
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.saved',
        entity: 'minutes',
        entityId: meetingId,
        meetingId,
        changes: { fields: Object.keys(record) },
      });
    });
    return this.reader.view(meetingId);
  }

  /** The chair names (or, with null, unnames) the professional who writes the record with them. */
  async nameMinuteTaker(
    user: StaffUser,
    meetingId: string,
    personId: string | null,
  ): Promise<{ meetingId: string; minuteTakerId: string | null }> {
    return this.repository.transaction(async (db) => {
      const meeting = await this.repository.lockMeeting(db, meetingId);
      if (!meeting) throw Problem.notFound('The meeting');
      if (user.id !== meeting.chairId)
        throw new Problem(HttpStatus.FORBIDDEN, 'Only the chair of the meeting names its minute-taker');
      if (personId !== null && !(await this.repository.isProfessional(db, personId)))
        throw Problem.unprocessable('personId', 'is not a professional in the directory');
      await this.repository.setMinuteTaker(db, meetingId, personId);
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.taker-named',
        entity: 'meeting',
        entityId: meetingId,
        meetingId,
        personId,
      });
      return { meetingId, minuteTakerId: personId };
    });
  }
}
