import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Composers } from '../deliveries/composers';
import { Delivery } from '../deliveries/delivery.entity';
import { meetingTitle } from '../deliveries/rendering/calendar-invite';
import { composeNotificationEmail, OutgoingMail } from '../deliveries/rendering/invite-email';
import { InviteComposer } from '../meetings/invite-composer';
import { TemplateRenderer } from '../templates/template-renderer';
import { formatLondonDate } from '../time/london';
import { letterHash } from './decision-letters.service';
import { FamilyRecordPage } from './family-record-page';
import { MeetingContext } from './minutes-context';
import { MinutesReader } from './minutes-reader';
import { MinutesRecordPage } from './minutes-record-page';
import { MinutesRepository } from './minutes.repository';
import { RecordLettersRepository } from './record-letters.repository';

const words = (code: string) => code.replace(/_/g, ' ').toLowerCase();
const numbered = (decisions: { text: string }[]) => decisions.map((d, i) => ({ n: i + 1, text: d.text }));

/**
 * The decision letter (to each invitee: the family's version for a family member) and the professionals' record
 * sent to those named for distribution only. Both are composed at send time from the record as it then stands; no
 * name of a child or a family member reaches a subject (meetingTitle: type, case references and date only).
 */
@Injectable()
export class RecordLettersComposer implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly composers: Composers,
    private readonly reader: MinutesReader,
    private readonly repository: MinutesRepository,
    private readonly letters: RecordLettersRepository,
    private readonly recordPage: MinutesRecordPage,
    private readonly familyRecord: FamilyRecordPage,
    private readonly renderer: TemplateRenderer,
    private readonly invites: InviteComposer,
  ) {}

  onModuleInit(): void {
    this.composers.register(['DECISION_LETTER'], (delivery, db) => this.decisionLetter(delivery, db));
    this.composers.register(['RECORD_DISTRIBUTION'], (delivery, db) => this.distribution(delivery, db));
  }

  private title(ctx: MeetingContext, caseReferences: string[]): string {
    return meetingTitle({
      typeShortLabel: ctx.rules.shortLabel,
      typeLabel: ctx.rules.label,
      caseReferences,
      date: ctx.meeting.startsAt,
    });
  }

  private async decisionLetter(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    const ctx = await this.reader.context(db, delivery.meetingId);
    const participant = ctx.participants.find((p) => p.id === delivery.participantId);
    const person = participant && ctx.people.get(participant.personId);
    if (!participant || !person?.email) return null;
    const minutes = await this.reader.view(delivery.meetingId);
    // Decisions changed since: the newer letter (if the chair made them final again) says what stands.
    if (letterHash(minutes.record) !== delivery.payload.hash) return null;
    const updated = delivery.payload.updated === true;
    // Their meeting page, through the personal link (put in by the worker for the relay's copy only).
    const common = {
      recipientName: person.name,
      typeLabel: ctx.rules.label,
      updated,
      personalUrl: this.invites.personalUrl(participant),
    };
    let context: object;
    let references: string[];
    if (person.kind === 'FAMILY') {
      const view = await this.familyRecord.view(participant);
      references = view.caseReferences;
      context = {
        ...common,
        caseReferences: references.join(', '),
        heldOn: view.heldOn,
        decisions: numbered(view.decisions),
        outcomes: view.outcomes,
        plan: view.plan,
        nextMeetings: [],
        confidential: false,
      };
    } else {
      const record = minutes.record;
      references = ctx.caseIds.map((id) => ctx.caseReferences[id]);
      const lead = record.plan
        ? (await this.repository.names(db, [record.plan.leadPractitionerPersonId], [])).people
        : new Map<string, string>();
      context = {
        ...common,
        caseReferences: references.join(', '),
        heldOn: formatLondonDate(ctx.meeting.heldOn),
        decisions: numbered(record.decisions ?? []),
        outcomes: (record.outcomes ?? []).map((o) => ({
          reference: ctx.caseReferences[o.caseId] ?? '',
          outcome: words(o.outcome) + (o.category ? ` (category: ${words(o.category)})` : ''),
        })),
        plan: record.plan && {
          leadPractitioner: lead.get(record.plan.leadPractitionerPersonId) ?? 'Unknown',
          firstCoreGroupOn: formatLondonDate(record.plan.firstCoreGroupOn),
          reviewConferenceOn: formatLondonDate(record.plan.reviewConferenceOn),
        },
        nextMeetings: minutes.nextMeetings.map((n) => ({ label: n.label, dueBy: formatLondonDate(n.dueBy) })),
        confidential: ctx.rules.minutesAudience === 'PROFESSIONALS',
      };
    }
    return composeNotificationEmail(
      this.renderer,
      {
        template: 'decision-letter',
        subject: `${updated ? 'Updated decisions' : 'Decisions'}: ${this.title(ctx, references)}`,
        to: person.email,
        context,
      },
      this.config.mailFrom,
    );
  }

  /** The professionals' record itself (the printed record as the HTML part), to a professional not invited. */
  private async distribution(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    const personId = typeof delivery.payload.personId === 'string' ? delivery.payload.personId : '';
    const person = (await this.letters.people(db, [personId])).get(personId);
    if (!person?.email || person.kind !== 'PROFESSIONAL') return null;
    const minutes = await this.reader.view(delivery.meetingId);
    if (minutes.status !== 'DISTRIBUTED') return null;
    const ctx = await this.reader.context(db, delivery.meetingId);
    const references = ctx.caseIds.map((id) => ctx.caseReferences[id]);
    const record = minutes.record;
    const mail = composeNotificationEmail(
      this.renderer,
      {
        template: 'record-distribution',
        subject: `Record: ${this.title(ctx, references)}`,
        to: person.email,
        context: {
          recipientName: person.name,
          reason: record.distribution?.find((d) => d.personId === personId)?.reason,
          typeLabel: ctx.rules.label,
          caseReferences: references.join(', '),
          heldOn: formatLondonDate(ctx.meeting.heldOn),
          summary: record.summary ?? '',
          decisions: numbered(record.decisions ?? []),
          actions: (record.actions ?? []).map((a) => ({
            description: a.description,
            dueOn: formatLondonDate(a.dueOn),
          })),
        },
      },
      this.config.mailFrom,
    );
    return { ...mail, html: await this.recordPage.render(delivery.meetingId) };
  }
}
