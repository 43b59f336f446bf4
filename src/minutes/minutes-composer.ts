import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Composers } from '../deliveries/composers';
import { Delivery } from '../deliveries/delivery.entity';
import { meetingTitle } from '../deliveries/rendering/calendar-invite';
import { composeNotificationEmail, OutgoingMail } from '../deliveries/rendering/invite-email';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { InviteComposer } from '../meetings/invite-composer';
import { TemplateRenderer } from '../templates/template-renderer';
import { MinutesRepository } from './minutes.repository';
import { formatLondonDate } from '../time/london';

/**
 * The email that tells a participant the approved record is ready, with the link to read it; and the chair's
 * reminders that the decisions or the full record fall due.
 */
/** The chair's reminders: which template, the subject's words, and the payload date they name. */
const REMINDERS: Partial<
  Record<string, { template: string; subject: string; dueOnKey: 'decisionsDueOn' | 'recordDueOn' }>
> = {
  DECISIONS_DUE: { template: 'decisions-due', subject: 'Decisions due', dueOnKey: 'decisionsDueOn' },
  RECORD_DUE: { template: 'record-due', subject: 'Record due', dueOnKey: 'recordDueOn' },
};

@Injectable()
export class MinutesComposer implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly composers: Composers,
    private readonly invites: InviteComposer,
    private readonly rules: MeetingRules,
    private readonly renderer: TemplateRenderer,
    private readonly repository: MinutesRepository,
  ) {}

  onModuleInit(): void {
    this.composers.register(['MINUTES', 'RECORD_DUE', 'DECISIONS_DUE'], (delivery, db) => this.compose(delivery, db));
  }

  private async compose(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    if (!delivery.participantId) return null;
    const sessionIds = await this.repository.sessionIdsOf(db, delivery.participantId);
    if (!sessionIds) return null;
    const subject = await this.invites.load(db, delivery.participantId, sessionIds[0]);
    if (!subject?.person.email) return null;
    const rules = this.rules.of(subject.meeting.type);
    const title = meetingTitle({
      typeShortLabel: rules.shortLabel,
      typeLabel: rules.label,
      caseReferences: subject.caseReferences,
      date: subject.meeting.startsAt,
    });
    const reminder = REMINDERS[delivery.kind];
    if (reminder) {
      const dueOn = formatLondonDate(String(delivery.payload[reminder.dueOnKey]));
      return composeNotificationEmail(
        this.renderer,
        {
          template: reminder.template,
          subject: `${reminder.subject} ${dueOn}: ${title}`,
          to: subject.person.email,
          context: {
            recipientName: subject.person.name,
            typeLabel: rules.label,
            caseReferences: subject.caseReferences.join(', '),
            heldOn: formatLondonDate(subject.meeting.heldOn),
            [reminder.dueOnKey]: dueOn,
          },
        },
        this.config.mailFrom,
      );
    }
    return composeNotificationEmail(
      this.renderer,
      {
        template: 'minutes',
        subject: `Record: ${title}`,
        to: subject.person.email,
        context: {
          recipientName: subject.person.name,
          typeLabel: rules.label,
          title,
          caseReferences: subject.caseReferences.join(', '),
          heldOn: formatLondonDate(subject.meeting.heldOn),
          minutesUrl: `${this.invites.personalUrl(subject.participant)}/minutes`,
          confidential: rules.minutesAudience === 'PROFESSIONALS',
        },
      },
      this.config.mailFrom,
    );
  }
}
