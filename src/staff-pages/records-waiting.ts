import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access-policy';
import type { StaffUser } from '../auth/staff-user';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MEETING_TYPES } from '../meeting-types/meeting-types';
import { RecordGateway } from './record-gateway';
import { RecordPagesRepository, RecordRow } from './record-pages.repository';

/**
 * The one rule for "records waiting for you" (issue 21), read by /approvals and by the tasks list: submitted records
 * of the types whose approver role the person holds, in meetings they see, that they neither wrote, submitted nor
 * amended (separation of duties, as the minutes service enforces at approval).
 */
@Injectable()
export class RecordsWaiting {
  constructor(
    private readonly repository: RecordPagesRepository,
    private readonly gateway: RecordGateway,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
  ) {}

  async forApproval(user: StaffUser): Promise<RecordRow[]> {
    const approverOf = MEETING_TYPES.filter((type) =>
      this.gateway.mayApproveType(user, this.rules.of(type).minutesApproverRoles),
    );
    return approverOf.length
      ? this.repository.records(this.access.visibleMeetings(user, 'm', 1), 'SUBMITTED', approverOf, user.id)
      : [];
  }
}
