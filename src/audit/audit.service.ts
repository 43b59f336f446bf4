import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { AuditRepository } from './audit.repository';
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
  constructor(private readonly events: AuditRepository) {}

  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // The trail names the acting person as they were called when they acted (staff actors are person ids).
    const staffActors = [...new Set(entries.map((e) => e.actor).filter((actor) => UUID.test(actor)))];
    const names = staffActors.length ? await this.events.namesOf(staffActors, manager) : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const origin = requestOrigin();
    await this.events.insert(
      manager,
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
    return this.events.list(filter, visibleMeeting);
  }
}
