import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { MeetingType } from '../meeting-types/meeting-types';
import { AccessRepository } from './access.repository';
import { may, mayBook, MeetingNeed, relationsTo, visibility } from './meeting-access';
import { UUID } from '../http/uuid.pipe';

/** A condition for a list's SQL, with its parameters numbered from where the caller's own left off. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** The same condition with named parameters (`:access_1`), for TypeORM's query builder. */
export function namedCondition(
  condition: SqlCondition,
  next: number,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  condition.params.forEach((value, i) => (params[`access_${next + i}`] = value));
  return { sql: condition.sql.replace(/\$(\d+)/g, (_m, n: string) => `:access_${n}`), params };
}

/**
 * The one access policy (DESIGN.md "Deny by default"): who may see and change a meeting, a case or a family
 * member, from the meeting-type table's `access` rules. A single record the caller may not see is a 404, exactly as
 * if it did not exist, and the refusal is audited; every list filters in SQL with the same rules.
 */
@Injectable()
export class AccessPolicy {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: MeetingRules,
    private readonly audit: AuditService,
    private readonly access: AccessRepository,
  ) {}

  /** The meeting's type when the caller may `need` it; 404 when they may not see it, 403 when they see but may not change it. */
  async meeting(
    user: StaffUser,
    meetingId: string,
    need: MeetingNeed,
    action = 'meeting.read',
  ): Promise<{ type: MeetingType; chairId: string }> {
    const row = await this.factsOf(user, meetingId);
    if (!row) throw Problem.notFound('The meeting');
    const access = this.rules.of(row.type).access;
    const relations = relationsTo(access, user.roles, {
      isChair: row.is_chair,
      isBooker: row.is_booker,
      isInvited: row.is_invited,
    });
    if (!may(access, 'see', relations)) {
      await this.refused(user, action, meetingId);
      throw Problem.notFound('The meeting');
    }
    if (need === 'change' && !may(access, 'change', relations)) {
      await this.refused(user, action, meetingId);
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'Only the chair, the booker or a coordinator of this meeting may change it',
      );
    }
    return { type: row.type, chairId: row.chair_id };
  }

  /**
   * Whether the caller may `need` the meeting, without an entry in the trail: a page deciding which buttons to show
   * asks this of a meeting the caller already sees; doing it is still checked by `meeting()`.
   */
  async allows(user: StaffUser, meetingId: string, need: MeetingNeed): Promise<boolean> {
    const row = await this.factsOf(user, meetingId);
    if (!row) return false;
    const access = this.rules.of(row.type).access;
    return may(
      access,
      need,
      relationsTo(access, user.roles, { isChair: row.is_chair, isBooker: row.is_booker, isInvited: row.is_invited }),
    );
  }

  private async factsOf(user: StaffUser, meetingId: string) {
    const row = UUID.test(meetingId) ? await this.access.meetingFacts(meetingId, user.id) : undefined;
    return row;
  }

  /** Whether the caller may see the meeting (a refusal is audited like any other). */
  async sees(user: StaffUser, meetingId: string): Promise<boolean> {
    return this.meeting(user, meetingId, 'see', 'meeting.link').then(
      () => true,
      (error: unknown) => {
        if (error instanceof Problem && error.getStatus() === (HttpStatus.NOT_FOUND as number)) return false;
        throw error;
      },
    );
  }

  /** 403 unless these roles may book a meeting of this type (MARAC: its coordinators only). */
  assertMayBook(user: StaffUser, type: MeetingType): void {
    if (!mayBook(this.rules.of(type).access, user.roles)) {
      throw new Problem(
        HttpStatus.FORBIDDEN,
        `A ${this.rules.of(type).shortLabel} is booked by ${this.rules.of(type).access.bookerRoles.join(' or ')}`,
      );
    }
  }

  /** 404 unless the caller may see this case: they coordinate its kind, or see a meeting about it. */
  async caseVisible(user: StaffUser, caseId: string): Promise<void> {
    const condition = this.visibleCases(user, 'c', 2);
    const row = UUID.test(caseId) ? await this.access.caseMeets(caseId, condition) : undefined;
    if (row && !row.visible) await this.refused(user, 'case.read', caseId);
    if (!row?.visible) throw Problem.notFound('The case');
  }

  /**
   * SQL: the meeting aliased `alias` is one the caller may `need`. `next` is the number of the first parameter.
   * The same rules as `meeting()`, as set membership over types, so that a list is one indexed query.
   */
  visibleMeetings(user: StaffUser, alias: string, next: number, need: MeetingNeed = 'see'): SqlCondition {
    const v = visibility(this.rules.table, user.roles, need);
    const [me, every, chair, booker, invited] = [next, next + 1, next + 2, next + 3, next + 4].map((n) => `$${n}`);
    return {
      sql: `(${alias}.type = ANY(${every}::text[])
         OR (${alias}.chair_id = ${me}::uuid AND ${alias}.type = ANY(${chair}::text[]))
         OR (${alias}.booked_by = ${me}::text AND ${alias}.type = ANY(${booker}::text[]))
         OR (${alias}.type = ANY(${invited}::text[]) AND (${alias}.minute_taker_id = ${me}::uuid OR EXISTS (
              SELECT 1 FROM participants vp WHERE vp.meeting_id = ${alias}.id AND vp.person_id = ${me}::uuid AND vp.removed_at IS NULL))))`,
      params: [user.id, v.everyMeetingOf, v.asChair, v.asBooker, v.asInvited],
    };
  }

  /** SQL: the case aliased `alias` is one the caller may see (they coordinate its kind, or see a meeting about it). */
  visibleCases(user: StaffUser, alias: string, next: number): SqlCondition {
    const meeting = this.visibleMeetings(user, 'vm', next + 1);
    return {
      sql: `(${alias}.kind = ANY($${next}::text[]) OR EXISTS (
               SELECT 1 FROM meeting_cases vmc JOIN meetings vm ON vm.id = vmc.meeting_id WHERE vmc.case_id = ${alias}.id AND ${meeting.sql}))`,
      params: [visibility(this.rules.table, user.roles).everyCaseOf, ...meeting.params],
    };
  }

  /**
   * SQL: the person aliased `alias` is one the caller may look up. Professionals are visible to all staff (they must
   * be found to be invited); a family member only to those who coordinate a type families attend, or who see a
   * meeting the family member is invited to.
   */
  visiblePeople(user: StaffUser, alias: string, next: number): SqlCondition {
    const meeting = this.visibleMeetings(user, 'vm', next + 1);
    return {
      sql: `(${alias}.kind = 'PROFESSIONAL' OR $${next}::boolean OR EXISTS (
               SELECT 1 FROM participants vpp JOIN meetings vm ON vm.id = vpp.meeting_id
                WHERE vpp.person_id = ${alias}.id AND vpp.removed_at IS NULL AND ${meeting.sql}))`,
      params: [visibility(this.rules.table, user.roles).everyFamilyMember, ...meeting.params],
    };
  }

  /** 404 unless the caller may look up this person. */
  async personVisible(user: StaffUser, personId: string): Promise<void> {
    const condition = this.visiblePeople(user, 'p', 2);
    const row = UUID.test(personId) ? await this.access.personMeets(personId, condition) : undefined;
    if (row && !row.visible) await this.refused(user, 'person.read', personId);
    if (!row?.visible) throw Problem.notFound('The person');
  }

  /**
   * 404 unless the caller may hold this person's calendar-feed URL (a credential): the person themself, or a booker
   * of a meeting they take part in (who sends it to someone without email, say). Every read is audited.
   */
  async feedReader(user: StaffUser, personId: string): Promise<void> {
    const row = UUID.test(personId) ? await this.access.mayReadFeed(personId, user.id) : undefined;
    if (row && !row.allowed) await this.refused(user, 'person.feed-read', personId);
    if (!row?.allowed) throw Problem.notFound('The person');
    await this.audit.record(this.dataSource.manager, {
      actor: user.id,
      action: 'person.feed-read',
      entity: 'person',
      entityId: personId,
      personId,
    });
  }

  /** Reads of what is sensitive (document content, minutes, invites, feed URLs) are in the trail: who, what, when. */
  async recordRead(
    user: StaffUser,
    read: { action: string; entity: string; entityId: string; meetingId?: string; personId?: string },
  ): Promise<void> {
    await this.audit.record(this.dataSource.manager, { actor: user.id, ...read });
  }

  /** A refusal is part of the trail too: who tried what, on which record (the record's id only). */
  private async refused(
    user: StaffUser,
    action: string,
    entityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor: user.id,
      action: 'access.refused',
      entity: action.split('.')[0],
      entityId,
      changes: { attempted: action },
    });
  }
}
