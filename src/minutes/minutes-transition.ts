import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { MinutesChecks } from './minutes-checks';
import { assertNotCancelled, MeetingContext } from './minutes-context';
import { Minutes } from './minutes.entity';
import { MinutesReader } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';

/**
 * One step of the record's life (submit, approve, distribute) in one transaction: the record locked, in the state the
 * step starts from, of a meeting not cancelled, with ids that still name something; then the step, then the audit.
 */
@Injectable()
export class MinutesTransition {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly reader: MinutesReader,
    private readonly checks: MinutesChecks,
    private readonly audit: AuditService,
  ) {}

  async run(
    user: StaffUser,
    meetingId: string,
    from: Minutes['status'],
    to: Minutes['status'],
    change: (db: EntityManager, minutes: Minutes, ctx: MeetingContext) => Promise<void>,
  ): Promise<void> {
    await this.repository.transaction(async (db) => {
      const minutes = await this.repository.lock(db, meetingId);
      if (!minutes) throw Problem.notFound('The minutes');
      if (minutes.status !== from)
        throw Problem.conflict(
          `The minutes are ${minutes.status.toLowerCase()}; only ${from.toLowerCase()} minutes can become ${to.toLowerCase()}`,
        );
      const ctx = await this.reader.context(db, meetingId);
      assertNotCancelled(ctx);
      await this.checks.assertKnownIds(db, ctx, minutes.record);
      await change(db, minutes, ctx);
      minutes.status = to;
      await this.repository.save(db, minutes);
      await this.audit.record(db, {
        actor: user.id,
        action: `minutes.${to.toLowerCase()}`,
        entity: 'minutes',
        entityId: minutes.id,
        meetingId,
      });
    });
  }
}
