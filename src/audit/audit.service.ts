import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { requestOrigin } from './request-origin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  meetingId?: string | null;
  personId?: string | null;
  /** Ids and field names before/after: never document content or personal details. */
  changes?: Record<string, unknown>;
}

/** Writes the append-only audit trail inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // The trail names the acting person as they were called when they acted (staff actors are person ids).
    const staffActors = [...new Set(entries.map((e) => e.actor).filter((actor) => UUID.test(actor)))];
    const names: { id: string; name: string }[] = staffActors.length
      ? await manager.query(`SELECT id::text, name FROM people WHERE id = ANY($1::uuid[])`, [staffActors])
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const origin = requestOrigin();
    await manager.insert(
      AuditEvent,
      entries.map((e) => ({
        ...e,
        actorName: nameOf.get(e.actor) ?? null,
        origin,
        meetingId: e.meetingId ?? null,
        personId: e.personId ?? null,
        changes: e.changes ?? {},
      })),
    );
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
