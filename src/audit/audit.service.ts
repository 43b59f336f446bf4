import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { AuditRepository, AuditRow } from './audit.repository';
import { requestOrigin } from './request-origin';
import { UUID } from '../http/uuid.pipe';

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
    await this.events.insert(
      manager,
      entries.map((e) => this.row(e, nameOf.get(e.actor) ?? null)),
    );
  }

  /** The entry as `record` writes it, the actor's name read by the caller (a booking, with its other facts). */
  row(e: AuditEntry, actorName: string | null): AuditRow {
    return {
      ...e,
      actorName,
      origin: requestOrigin(),
      meetingId: e.meetingId ?? null,
      personId: e.personId ?? null,
      changes: e.changes ?? {},
    };
  }

  /** Whether `record` looks up the actor's name: a staff actor is a person id. */
  isStaffActor(actor: string): boolean {
    return UUID.test(actor);
  }

  /** `visibleMeeting`: a condition on meetings `vm` (parameters from $1); events about other meetings are left out. */
  async list(
    filter: { meetingId?: string; personId?: string; limit?: number },
    visibleMeeting: { sql: string; params: unknown[] },
  ): Promise<{ items: AuditEvent[]; total: number }> {
    return this.events.list(filter, visibleMeeting);
  }
}
