import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Participant } from '../meetings/participant.entity';
import { TemplateRenderer } from '../templates/template-renderer';
import { formatLondon, formatLondonDate, formatLondonTime } from '../time/london';
import { familyRecord, FamilyRecordView } from './family-record';
import { MinutesService } from './minutes.service';

/**
 * The family's copy of the record for one family member: the data is gathered here and narrowed by the pure
 * allow-list in `family-record.ts`; its own template (`pages/family-record.html`) knows no professional-only field.
 */
@Injectable()
export class FamilyRecordPage {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly minutes: MinutesService,
    private readonly renderer: TemplateRenderer,
  ) {}

  async view(participant: Participant): Promise<FamilyRecordView> {
    const db = this.dataSource.manager;
    const minutes = await this.minutes.view(participant.meetingId);
    const ctx = await this.minutes.context(db, participant.meetingId);
    const cases: { id: string; reference: string }[] = await db.query(
      `SELECT c.id, c.reference FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id WHERE mc.meeting_id = $1 ORDER BY mc.position`,
      [participant.meetingId],
    );
    const ownerIds = [
      ...new Set([
        ...(minutes.record.actions ?? []).map((a) => a.ownerPersonId),
        ...(minutes.record.plan ? [minutes.record.plan.leadPractitionerPersonId] : []),
      ]),
    ];
    const owners: { id: string; kind: string; agency: string | null }[] = ownerIds.length
      ? await db.query(
          `SELECT p.id, p.kind, a.name AS agency FROM people p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = ANY($1::uuid[])`,
          [ownerIds],
        )
      : [];
    const keptApart: { person_ids: string[] }[] = await db.query(
      `SELECT person_ids FROM keep_apart_rules
        WHERE $2 = ANY(person_ids) AND (meeting_id = $1 OR case_id IN (SELECT case_id FROM meeting_cases WHERE meeting_id = $1))`,
      [participant.meetingId, participant.personId],
    );
    const ownSessions = ctx.sessions.filter((s) => participant.sessionIds.includes(s.id));
    return familyRecord({
      typeLabel: ctx.rules.label,
      heldOn: formatLondonDate(ctx.meeting.heldOn),
      record: minutes.record,
      cases,
      childCaseIds: participant.caseIds,
      ownSessions: ownSessions.map((s) => ({
        position: s.position,
        label: s.label,
        when: `${formatLondon(s.startsAt)} to ${formatLondonTime(s.endsAt)}`,
      })),
      sessionCount: ctx.sessions.length,
      owners: new Map(
        owners.map((o) => [
          o.id,
          {
            role: ctx.participants.find((p) => p.personId === o.id)?.role ?? null,
            agency: o.kind === 'FAMILY' ? null : o.agency,
            family: o.kind === 'FAMILY',
          },
        ]),
      ),
      keptApartFrom: new Set(keptApart.flatMap((r) => r.person_ids).filter((id) => id !== participant.personId)),
      formatDate: formatLondonDate,
    });
  }

  async render(participant: Participant): Promise<string> {
    return this.renderer.render('pages/family-record.html', await this.view(participant));
  }
}
