import { Injectable } from '@nestjs/common';
import { StaffUser } from '../auth/staff-user';
import { Outbox } from '../deliveries/outbox';
import { Clock } from '../time/clock';
import { decisionsSharedAt } from './decisions-shared';
import { mayReceive } from './minutes-context';
import { MinutesReader, MinutesView } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';
import { MinutesTransition } from './minutes-transition';

/** How long a personal link reads the distributed record (the links otherwise close 28 days after the meeting). */
const RECORD_LINK_LIFETIME_MS = 28 * 24 * 3_600_000;

/** Sends the approved record out through the outbox, to those allowed to see it. */
@Injectable()
export class DistributeMinutes {
  constructor(
    private readonly transition: MinutesTransition,
    private readonly reader: MinutesReader,
    private readonly repository: MinutesRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Agencies only for MARAC; families the version marked for them. */
  async distribute(
    user: StaffUser,
    meetingId: string,
  ): Promise<MinutesView & { distributedTo: string[]; withheldFrom: string[] }> {
    let distributedTo: string[] = [];
    let withheldFrom: string[] = [];
    await this.transition.run(user, meetingId, 'APPROVED', 'DISTRIBUTED', async (db, minutes, ctx) => {
      const now = this.clock.now();
      Object.assign(minutes, {
        distributedAt: now,
        distributedBy: user.id,
        decisionsSharedAt: decisionsSharedAt(minutes.decisionsSharedAt, minutes.record, now, true),
      });
      const version = await this.repository.amendmentCount(db, minutes.id);
      const recipients = ctx.participants.filter((p) => mayReceive(ctx, minutes.record, p));
      distributedTo = recipients.map((p) => p.id);
      // The record is read through the personal link: it stays open for RECORD_LINK_LIFETIME_MS from distribution.
      await this.repository.keepLinksOpen(db, distributedTo, new Date(now.getTime() + RECORD_LINK_LIFETIME_MS));
      withheldFrom = ctx.participants.filter((p) => !recipients.includes(p)).map((p) => p.id);
      await this.outbox.enqueue(
        db,
        recipients.map((p) => ({
          meetingId,
          participantId: p.id,
          kind: 'MINUTES',
          hasAddress: Boolean(ctx.people.get(p.personId)?.email),
          // One message per approved version: an amended record, once approved again, goes out again.
          dedupeKey: version === 0 ? `minutes:${minutes.id}:${p.id}` : `minutes:${minutes.id}:v${version}:${p.id}`,
        })),
      );
    });
    return { ...(await this.reader.view(meetingId)), distributedTo, withheldFrom };
  }
}
