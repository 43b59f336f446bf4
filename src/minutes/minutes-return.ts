import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import type { MeetingType } from '../meeting-types/meeting-types';
import { Clock } from '../time/clock';
import { approvalProblem } from './record-duties';

export interface MinutesReturn {
  returnedBy: string;
  returnedByName: string | null;
  comment: string;
  returnedAt: Date;
}

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
  ) {}

  async returnToAuthor(user: StaffUser, meetingId: string, comment: string): Promise<void> {
    const text = comment.trim();
    if (!text) throw Problem.badRequest('comment', 'say what the author should change');
    if (text.length > 5000) throw Problem.badRequest('comment', 'must be 5000 characters or fewer');
    await this.dataSource.transaction(async (db) => {
      const [minutes]: {
        id: string;
        status: string;
        author: string;
        submitted_by: string | null;
        type: MeetingType;
        meeting_status: string;
        amended: boolean;
      }[] = await db.query(
        `SELECT mi.id, mi.status, mi.author, mi.submitted_by, m.type, m.status AS meeting_status,
                EXISTS (SELECT 1 FROM minute_amendments a WHERE a.minutes_id = mi.id) AS amended
           FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id WHERE mi.meeting_id = $1 FOR UPDATE OF mi`,
        [meetingId],
      );
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
      await db.query(
        `UPDATE minutes SET status = 'DRAFT', submitted_at = NULL, submitted_by = NULL, updated_at = $2 WHERE id = $1`,
        [minutes.id, this.clock.now()],
      );
      await db.query(
        `INSERT INTO minutes_returns (minutes_id, meeting_id, returned_by, comment, returned_at) VALUES ($1, $2, $3, $4, $5)`,
        [minutes.id, meetingId, user.id, text, this.clock.now()],
      );
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
  async latest(meetingId: string): Promise<MinutesReturn | null> {
    const [row]: MinutesReturn[] = await this.dataSource.query(
      `SELECT r.returned_by AS "returnedBy", p.name AS "returnedByName", r.comment, r.returned_at AS "returnedAt"
         FROM minutes_returns r LEFT JOIN people p ON p.id = r.returned_by
        WHERE r.meeting_id = $1 ORDER BY r.returned_at DESC LIMIT 1`,
      [meetingId],
    );
    return row ?? null;
  }
}
