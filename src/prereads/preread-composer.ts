import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Composers } from '../deliveries/composers';
import { Delivery } from '../deliveries/delivery.entity';
import { composeNotificationEmail, OutgoingMail } from '../deliveries/rendering/invite-email';
import { meetingTitle } from '../deliveries/rendering/calendar-invite';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { InviteComposer } from '../meetings/invite-composer';
import { TemplateRenderer } from '../templates/template-renderer';
import { formatLondon } from '../time/london';
import { PrereadsRepository } from './prereads.repository';
import { PrereadsService } from './prereads.service';

/** Writes the reminder to send a report and the pre-read pack, each for one participant. */
@Injectable()
export class PrereadComposer implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly composers: Composers,
    private readonly invites: InviteComposer,
    private readonly prereads: PrereadsService,
    private readonly rules: MeetingRules,
    private readonly renderer: TemplateRenderer,
    private readonly repository: PrereadsRepository,
  ) {}

  onModuleInit(): void {
    this.composers.register(['REMINDER', 'PACK'], (delivery, db) => this.compose(delivery, db));
  }

  private async compose(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    if (!delivery.participantId) return null;
    const sessionIds = await this.repository.sessionIdsOf(db, delivery.participantId);
    if (sessionIds === null) return null;
    const subject = await this.invites.load(db, delivery.participantId, sessionIds[0]);
    if (!subject?.person.email || subject.meeting.status === 'CANCELLED') return null;
    const rules = this.rules.of(subject.meeting.type);
    const title = meetingTitle({
      typeShortLabel: rules.shortLabel,
      typeLabel: rules.label,
      caseReferences: subject.caseReferences,
      date: subject.meeting.startsAt,
    });
    const personalUrl = this.invites.personalUrl(subject.participant);
    const context = {
      recipientName: subject.person.name,
      typeLabel: rules.label,
      title,
      caseReferences: subject.caseReferences.join(', '),
      meetingStart: formatLondon(subject.meeting.startsAt),
      deadline: formatLondon(subject.meeting.preReadDeadline),
      personalUrl,
    };
    if (delivery.kind === 'REMINDER') {
      return composeNotificationEmail(
        this.renderer,
        { template: 'reminder', subject: `Report due: ${title}`, to: subject.person.email, context },
        this.config.mailFrom,
      );
    }
    const documents = await this.prereads.visibleTo(subject.participant);
    return composeNotificationEmail(
      this.renderer,
      {
        template: 'pack',
        subject: `Reports for: ${title}`,
        to: subject.person.email,
        context: {
          ...context,
          documents: documents.map((d) => ({ title: d.title, late: d.late, url: `${personalUrl}/documents/${d.id}` })),
        },
      },
      this.config.mailFrom,
    );
  }
}
