import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { Clock } from '../time/clock';
import { MinutesReturn, MinutesReturnsRepository } from './minutes-returns.repository';
import { approvalProblem } from './record-duties';

export type { MinutesReturn } from './minutes-returns.repository';

/**
 * Issue 21: whoever may approve a submitted record may instead return it to its author with a comment: it is a draft
 * again, to be corrected and submitted afresh. Only a first submission is returned; an amended record already has
 * its trail (a further amendment corrects it). The comment is kept here, the fact of the return in the audit trail.
 */
@Injectable()
export class MinutesReturns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: MeetingRules,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly returns: MinutesReturnsRepository,
  ) {}

  async returnToAuthor(user: StaffUser, meetingId: string, comment: string): Promise<void> {
    const text = comment.trim();
    if (!text) throw Problem.badRequest('comment', 'say what the author should change');
    if (text.length > 5000) throw Problem.badRequest('comment', 'must be 5000 characters or fewer');
    await this.dataSource.transaction(async (db) => {
      const minutes = await this.returns.lockForReturn(meetingId, db);
      if (!minutes) throw Problem.notFound('The minutes');
      if (minutes.meeting_status === 'CANCELLED')
        throw Problem.conflict('The meeting was cancelled; its record can no longer change');
      if (minutes.status !== 'SUBMITTED')
        throw Problem.conflict(`The minutes are ${minutes.status.toLowerCase()}; only submitted minutes are returned`);
      if (minutes.amended)
        throw Problem.conflict('An amended record is not returned: correct it with a further amendment');
      const problem = approvalProblem(user, this.rules.of(minutes.type).minutesApproverRoles, [
        minutes.author,
        minutes.submitted_by,
      ]);
      if (problem) throw new Problem(HttpStatus.FORBIDDEN, problem.replace('approved', 'approved or returned'));
      await this.returns.recordReturn(minutes.id, meetingId, user.id, text, this.clock.now(), db);
      await this.audit.record(db, {
        actor: user.id,
        action: 'minutes.returned',
        entity: 'minutes',
        entityId: minutes.id,
        meetingId,
      });
    });
  }

  /** The latest return of this meeting's record, for its author to read while it is a draft again. */
  latest(meetingId: string): Promise<MinutesReturn | null> {
    return this.returns.latest(meetingId);
  }
}
