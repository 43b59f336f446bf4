import { Injectable } from '@nestjs/common';
import { StaffUser } from '../auth/staff-user';
import { Clock } from '../time/clock';
import { DecisionLetters } from './decision-letters.service';
import { MinutesChecks } from './minutes-checks';
import { refuse } from './minutes-context';
import { MinutesReader, MinutesView } from './minutes-reader';
import { MinutesTransition } from './minutes-transition';
import { recordKeeperProblem } from './record-duties';

/** The record goes for approval: complete, and by those who keep it (the chair and the minute-taker). */
@Injectable()
export class SubmitMinutes {
  constructor(
    private readonly transition: MinutesTransition,
    private readonly checks: MinutesChecks,
    private readonly reader: MinutesReader,
    private readonly clock: Clock,
    private readonly letters: DecisionLetters,
  ) {}

  async submit(user: StaffUser, meetingId: string): Promise<MinutesView> {
    await this.transition.run(user, meetingId, 'DRAFT', 'SUBMITTED', async (db, minutes, ctx) => {
      refuse(recordKeeperProblem(user, ctx.meeting));
      await this.checks.assertValid(db, ctx, minutes.record, true);
      Object.assign(minutes, { submittedAt: this.clock.now(), submittedBy: user.id });
      // Submitted, the decisions are final: the letter goes out unless the chair already sent these very decisions.
      await this.letters.send(db, ctx, minutes, user.id);
    });
    return this.reader.view(meetingId);
  }
}
