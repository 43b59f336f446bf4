import { Injectable } from '@nestjs/common';
import { StaffUser } from '../auth/staff-user';
import { Clock } from '../time/clock';
import { MinutesChecks } from './minutes-checks';
import { refuse } from './minutes-context';
import { MinutesReader, MinutesView } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';
import { MinutesTransition } from './minutes-transition';
import { approvalProblem } from './record-duties';

/** A submitted record is approved by someone other than those who wrote it, in a role the type names. */
@Injectable()
export class ApproveMinutes {
  constructor(
    private readonly transition: MinutesTransition,
    private readonly checks: MinutesChecks,
    private readonly reader: MinutesReader,
    private readonly repository: MinutesRepository,
    private readonly clock: Clock,
  ) {}

  async approve(user: StaffUser, meetingId: string): Promise<MinutesView> {
    await this.transition.run(user, meetingId, 'SUBMITTED', 'APPROVED', async (db, minutes, ctx) => {
      // Approved by the chair's manager, the IRO or the MARAC coordinator, as the type says, and never by the person
      // who wrote, submitted or amended the record (separation of duties).
      const amenders = await this.repository.amenders(db, minutes.id);
      refuse(approvalProblem(user, ctx.rules.minutesApproverRoles, [minutes.author, minutes.submittedBy, ...amenders]));
      // The meeting may have changed since submission (a sibling added): what is approved must still be complete.
      await this.checks.assertValid(db, ctx, minutes.record, true);
      Object.assign(minutes, { approvedAt: this.clock.now(), approvedBy: user.id });
    });
    return this.reader.view(meetingId);
  }
}
