import { Injectable } from '@nestjs/common';
import { Participant } from '../meetings/participant.entity';
import { TemplateRenderer } from '../templates/template-renderer';
import { formatLondon, formatLondonDate, formatLondonTime } from '../time/london';
import { familyRecord, FamilyRecordView } from './family-record';
import { MinutesReader } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';

/**
 * The family's copy of the record for one family member: the data is gathered here and narrowed by the pure
 * allow-list in `family-record.ts`; its own template (`pages/family-record.html`) knows no professional-only field.
 */
@Injectable()
export class FamilyRecordPage {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly minutes: MinutesReader,
    private readonly renderer: TemplateRenderer,
  ) {}

  async view(participant: Participant): Promise<FamilyRecordView> {
    const db = this.repository.manager;
    const minutes = await this.minutes.view(participant.meetingId);
    const ctx = await this.minutes.context(db, participant.meetingId);
    const cases = await this.repository.caseReferences(db, participant.meetingId);
    const ownerIds = [
      ...new Set([
        ...(minutes.record.actions ?? []).map((a) => a.ownerPersonId),
        ...(minutes.record.plan ? [minutes.record.plan.leadPractitionerPersonId] : []),
      ]),
    ];
    const owners = await this.repository.owners(db, ownerIds);
    const keptApart = await this.repository.keptApartGroups(db, participant.meetingId, participant.personId);
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
      keptApartFrom: new Set(keptApart.flat().filter((id) => id !== participant.personId)),
      formatDate: formatLondonDate,
    });
  }

  async render(participant: Participant): Promise<string> {
    return this.renderer.render('pages/family-record.html', await this.view(participant));
  }
}
