import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { columnNames, UnnestColumn, unnestRows } from '../database/unnest';
import { AuditEvent } from './audit-event.entity';

/** An event as written: the actor's name and the request's origin settled. */
export interface AuditRow {
  actor: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  meetingId: string | null;
  personId: string | null;
  changes: Record<string, unknown>;
  origin: object | null;
}

const AUDIT_COLUMNS: readonly UnnestColumn<AuditRow>[] = [
  { name: 'actor', type: 'text', value: (r) => r.actor },
  { name: 'actor_name', type: 'text', value: (r) => r.actorName },
  { name: 'action', type: 'text', value: (r) => r.action },
  { name: 'entity', type: 'text', value: (r) => r.entity },
  { name: 'entity_id', type: 'uuid', value: (r) => r.entityId },
  { name: 'meeting_id', type: 'uuid', value: (r) => r.meetingId },
  { name: 'person_id', type: 'uuid', value: (r) => r.personId },
  { name: 'changes', type: 'jsonb', value: (r) => JSON.stringify(r.changes) },
  { name: 'origin', type: 'jsonb', value: (r) => (r.origin ? JSON.stringify(r.origin) : null) },
];

/** The INSERT of events, its parameters numbered from `first` (a booking embeds it in its one write). */
export function auditInsert(rows: AuditRow[], first: number): { sql: string; params: unknown[] } {
  const u = unnestRows(rows, AUDIT_COLUMNS, first);
  return { sql: `INSERT INTO audit_events (${columnNames(AUDIT_COLUMNS)}) SELECT * FROM ${u.sql}`, params: u.params };
}

/** The append-only `audit_events` table, and the names of the people who act in it. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The current names of these people (ids checked as UUIDs by the caller). */
  async namesOf(ids: string[], db: EntityManager = this.dataSource.manager): Promise<{ id: string; name: string }[]> {
    return db.query<{ id: string; name: string }[]>(`SELECT id::text, name FROM people WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  async insert(db: EntityManager, events: QueryDeepPartialEntity<AuditEvent>[]): Promise<void> {
    await db.insert(AuditEvent, events);
  }

  /** `visibleMeeting`: a condition on meetings `vm` (parameters from $1); events about other meetings are left out. */
  async list(
    filter: { meetingId?: string; personId?: string; limit?: number },
    visibleMeeting: { sql: string; params: unknown[] },
  ): Promise<{ items: AuditEvent[]; total: number }> {
    const params: Record<string, unknown> = {};
    visibleMeeting.params.forEach((value, i) => (params[`visible_${i + 1}`] = value));
    const visible = visibleMeeting.sql.replace(/\$(\d+)/g, (_m, n: string) => `:visible_${n}`);
    const query = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where(
        `(e.meeting_id IS NULL OR EXISTS (SELECT 1 FROM meetings vm WHERE vm.id = e.meeting_id AND ${visible}))`,
        params,
      )
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC');
    if (filter.meetingId) query.andWhere('e.meeting_id = :meetingId', { meetingId: filter.meetingId });
    if (filter.personId) query.andWhere('e.person_id = :personId', { personId: filter.personId });
    const [items, total] = await query.take(filter.limit ?? 500).getManyAndCount();
    return { items, total };
  }
}
