import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { Clock } from '../time/clock';
import { DecisionLetters } from './decision-letters.service';
import { decisionsSharedAt } from './decisions-shared';
import { MinutesChecks } from './minutes-checks';
import { assertNotCancelled, pickRecord, refuse } from './minutes-context';
import { AmendMinutesDto, MinutesRecord } from './minutes.dto';
import { MinutesReader, MinutesView } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';
import { amendmentProblem } from './record-duties';

/** A correction to an approved record: who, when, why, and what it said before. */
@Injectable()
export class AmendMinutes {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly reader: MinutesReader,
    private readonly checks: MinutesChecks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly letters: DecisionLetters,
  ) {}

  async amend(user: StaffUser, meetingId: string, dto: AmendMinutesDto): Promise<MinutesView> {
    await this.repository.transaction(async (db) => {
      const ctx = await this.reader.context(db, meetingId);
      refuse(amendmentProblem(user, ctx.rules.minutesApproverRoles));
      assertNotCancelled(ctx);
      const minutes = await this.repository.lock(db, meetingId);
      if (!minutes) throw Problem.notFound('The minutes');
      if (minutes.status !== 'APPROVED' && minutes.status !== 'DISTRIBUTED')
        throw Problem.conflict('Only approved minutes are amended; edit the draft instead');
      const { reason, ...changes } = dto;
      const changed = pickRecord(changes);
      const fields = Object.keys(changed) as (keyof MinutesRecord)[];
      if (fields.length === 0)
        throw Problem.badRequest('reason', 'an amendment must change at least one part of the record');
      const before: Partial<MinutesRecord> = Object.fromEntries(fields.map((f) => [f, minutes.record[f] ?? null]));
      const record = { ...minutes.record, ...changed };
      await this.checks.assertValid(db, ctx, record, true);
      minutes.record = record;
      minutes.quorate = await this.checks.quorate(db, ctx, record);
      // An amended outcome (a plan after all, or none) changes what falls due next.
      minutes.nextDueOn = (await this.checks.dueDates(db, ctx, record, true)).nextDueOn;
      minutes.decisionsSharedAt = decisionsSharedAt(minutes.decisionsSharedAt, record, this.clock.now());
      // An amended record goes back for approval, by someone other than its amender, and out again only after it.
      Object.assign(minutes, { status: 'SUBMITTED' as const, approvedAt: null, approvedBy: null });
      // Amended decisions, outcomes or plan: an updated letter (nothing, when the amendment changed none of them).
      await this.letters.send(db, ctx, minutes, user.id);
      await this.repository.save(db, minutes);
      await this.repository.insertAmendment(db, {
        minutesId: minutes.id,
        amendedBy: user.id,
        reason,
        changedFields: fields,
        before,
      });
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.amended',
        entity: 'minutes',
        entityId: minutes.id,
        meetingId,
        changes: { fields },
      });
    });
    return this.reader.view(meetingId);
  }
}
