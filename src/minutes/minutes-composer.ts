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
import { formatLondonDate } from '../time/london';

/**
 * The email that tells a participant the approved record is ready, with the link to read it; and the chair's
 * reminders that the decisions or the full record fall due.
 */
@Injectable()
export class MinutesComposer implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly composers: Composers,
    private readonly invites: InviteComposer,
    private readonly rules: MeetingRules,
    private readonly renderer: TemplateRenderer,
  ) {}

  onModuleInit(): void {
    this.composers.register(['MINUTES', 'RECORD_DUE', 'DECISIONS_DUE'], (delivery, db) => this.compose(delivery, db));
  }

  private async compose(delivery: Delivery, db: EntityManager): Promise<OutgoingMail | null> {
    if (!delivery.participantId) return null;
    const [row] = await db.query(`SELECT session_ids FROM participants WHERE id = $1`, [delivery.participantId]);
    if (!row) return null;
    const subject = await this.invites.load(db, delivery.participantId, row.session_ids[0]);
    if (!subject?.person.email) return null;
    const rules = this.rules.of(subject.meeting.type);
    const title = meetingTitle({ typeShortLabel: rules.shortLabel, typeLabel: rules.label, caseReferences: subject.caseReferences, date: subject.meeting.startsAt });
    if (delivery.kind === 'DECISIONS_DUE') {
      const decisionsDueOn = String(delivery.payload.decisionsDueOn);
      return composeNotificationEmail(
        this.renderer,
        {
          template: 'decisions-due',
          subject: `Decisions due ${formatLondonDate(decisionsDueOn)}: ${title}`,
          to: subject.person.email,
          context: { recipientName: subject.person.name, typeLabel: rules.label, caseReferences: subject.caseReferences.join(', '), heldOn: formatLondonDate(subject.meeting.heldOn), decisionsDueOn: formatLondonDate(decisionsDueOn) },
        },
        this.config.mailFrom,
      );
    }
    if (delivery.kind === 'RECORD_DUE') {
      const recordDueOn = String(delivery.payload.recordDueOn);
      return composeNotificationEmail(
        this.renderer,
        {
          template: 'record-due',
          subject: `Record due ${formatLondonDate(recordDueOn)}: ${title}`,
          to: subject.person.email,
          context: { recipientName: subject.person.name, typeLabel: rules.label, caseReferences: subject.caseReferences.join(', '), heldOn: formatLondonDate(subject.meeting.heldOn), recordDueOn: formatLondonDate(recordDueOn) },
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
