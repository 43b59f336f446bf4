import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { StaffUser } from '../auth/staff-user';
import { Outbox } from '../deliveries/outbox';
import { EntityManager } from 'typeorm';
import { Clock } from '../time/clock';
import { decisionsSharedAt } from './decisions-shared';
import { mayReceive } from './minutes-context';
import { MinutesReader, MinutesView } from './minutes-reader';
import { Minutes } from './minutes.entity';
import { MinutesRepository } from './minutes.repository';
import { MinutesTransition } from './minutes-transition';
import { RecordLettersRepository } from './record-letters.repository';

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
    private readonly letters: RecordLettersRepository,
    private readonly audit: AuditService,
  ) {}

  /** Agencies only for MARAC; families the version marked for them. */
  async distribute(
    user: StaffUser,
    meetingId: string,
  ): Promise<MinutesView & { distributedTo: string[]; withheldFrom: string[]; distributionOnly: string[] }> {
    let distributedTo: string[] = [];
    let distributionOnly: string[] = [];
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
      const invited = new Set(ctx.participants.map((p) => p.personId));
      distributionOnly = await this.toDistributionOnly(db, meetingId, minutes, version, invited);
    });
    return { ...(await this.reader.view(meetingId)), distributedTo, withheldFrom, distributionOnly };
  }

  /**
   * The professionals named for distribution only (not invited: an absent GP) get the professionals' record itself by
   * email, in the same transaction, audited; the checks at save made sure none of them is a family member.
   */
  private async toDistributionOnly(
    db: EntityManager,
    meetingId: string,
    minutes: Minutes,
    version: number,
    invited: Set<string>,
  ) {
    // Someone invited since they were named receives the record as an invitee, once.
    const named = (minutes.record.distribution ?? []).map((d) => d.personId).filter((id) => !invited.has(id));
    if (named.length === 0) return [];
    const people = await this.letters.people(db, named);
    const recipients = named.filter((id) => people.get(id)?.kind === 'PROFESSIONAL');
    await this.outbox.enqueue(
      db,
      recipients.map((personId) => ({
        meetingId,
        kind: 'RECORD_DISTRIBUTION',
        hasAddress: Boolean(people.get(personId)?.email),
        payload: { personId },
        dedupeKey: `minutes:${minutes.id}:v${version}:distribution:${personId}`,
      })),
    );
    await this.audit.record(db, {
      actor: minutes.distributedBy ?? 'system',
      action: 'minutes.distributed-only',
      entity: 'minutes',
      entityId: minutes.id,
      meetingId,
      changes: { personIds: recipients },
    });
    return recipients;
  }
}
