import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Outbox } from '../deliveries/outbox';
import { Clock } from '../time/clock';
import { Participant } from '../meetings/participant.entity';
import { MeetingContext } from './minutes-context';
import type { MinutesRecord } from './minutes.dto';
import { Minutes } from './minutes.entity';
import { RecordLettersRepository } from './record-letters.repository';

/** What the letter says, as one value: the same decisions are never sent twice; changed ones go out as an update. */
export function letterHash(record: MinutesRecord): string {
  const content = {
    decisions: (record.decisions ?? []).map((d) => [d.text, d.shareWithFamily === true]),
    outcomes: (record.outcomes ?? []).map((o) => [o.caseId, o.outcome, o.category ?? null, o.shareWithFamily === true]),
    plan: record.plan
      ? [
          record.plan.leadPractitionerPersonId,
          record.plan.firstCoreGroupOn,
          record.plan.reviewConferenceOn,
          record.plan.shareWithFamily === true,
        ]
      : null,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

/**
 * Whether a family member's letter has anything in it: a decision the chair shares, an outcome shared for one of
 * their own children, or a shared plan. Otherwise they get no letter (they still get the family's copy of the record).
 */
export function familyLetterHasContent(record: MinutesRecord, childCaseIds: string[] | null, caseIds: string[]) {
  const children = new Set(childCaseIds?.length ? childCaseIds : caseIds);
  return (
    (record.decisions ?? []).some((d) => d.shareWithFamily === true) ||
    (record.outcomes ?? []).some((o) => o.shareWithFamily === true && children.has(o.caseId)) ||
    record.plan?.shareWithFamily === true
  );
}

/**
 * The decision letter (Working Together 2023: the decisions and the plan to the family and the professionals within
 * one working day), sent through the outbox in the transaction that made the decisions final: the chair marking the
 * decisions section final, the record's submission, or an amendment. Once per content: the same decisions saved
 * again send nothing; changed decisions send an updated letter and an unsent older one is dropped.
 */
@Injectable()
export class DecisionLetters {
  constructor(
    private readonly outbox: Outbox,
    private readonly letters: RecordLettersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Enqueues the letter where due; sets `decisionsSharedAt` on `minutes`, which the caller then saves. */
  async send(db: EntityManager, ctx: MeetingContext, minutes: Minutes, actor: string): Promise<void> {
    const record = minutes.record;
    if ((record.decisions?.length ?? 0) === 0) return;
    const hash = letterHash(record);
    if (await this.letters.letterSent(db, ctx.meeting.id, minutes.id, hash)) return;
    const updated = await this.letters.letterBefore(db, ctx.meeting.id, minutes.id);
    const recipients = ctx.participants.filter((p) => this.receives(ctx, record, p));
    if (recipients.length === 0) return;
    if (updated) await this.letters.supersedeUnsentLetters(db, ctx.meeting.id);
    await this.outbox.enqueue(
      db,
      recipients.map((p) => ({
        meetingId: ctx.meeting.id,
        participantId: p.id,
        kind: 'DECISION_LETTER',
        hasAddress: Boolean(ctx.people.get(p.personId)?.email),
        payload: { updated, hash },
        dedupeKey: `decision-letter:${minutes.id}:${hash}:${p.id}`,
      })),
    );
    // The decisions are made known by the letter: what "decisions on time" measures, and the due list reads. The caller
    // saves the record after this.
    minutes.decisionsSharedAt ??= this.clock.now();
    await this.audit.record(db, {
      actor,
      action: 'minutes.decision-letter-sent',
      entity: 'minutes',
      entityId: minutes.id,
      meetingId: ctx.meeting.id,
      changes: { participantIds: recipients.map((p) => p.id), updated },
    });
  }

  /** Every professional; a family member where the type shares the record with families and something is for them. */
  private receives(ctx: MeetingContext, record: MinutesRecord, participant: Participant): boolean {
    const person = ctx.people.get(participant.personId);
    if (!person) return false;
    if (person.kind === 'PROFESSIONAL') return true;
    return (
      ctx.rules.minutesAudience === 'ALL_PARTICIPANTS' &&
      familyLetterHasContent(record, participant.caseIds, ctx.caseIds)
    );
  }
}
