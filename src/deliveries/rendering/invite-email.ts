import type { TemplateRenderer } from '../../templates/template-renderer';
import { formatLondon, formatLondonTime } from '../../time/london';
import { CalendarInvite, JoiningDetails, joinLines, renderIcs } from './calendar-invite';

/** A composed message, ready for nodemailer; stored in the outbox so a retry sends the very same bytes. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string; contentTransferEncoding: 'base64' };
}

export interface InviteEmailInput {
  kind: 'INVITE' | 'UPDATE' | 'CANCEL' | 'UNINVITE';
  invite: CalendarInvite;
  recipientName: string;
  typeLabel: string;
  caseReferences: string[];
  join: JoiningDetails;
  preReadDeadline: Date | null;
  personalUrl: string;
  reportRequired: boolean;
  sessionLabel?: string | null;
  part?: { index: number; count: number };
}

const SUBJECT_PREFIX = { INVITE: 'Invitation', UPDATE: 'Updated', CANCEL: 'Cancelled', UNINVITE: 'Cancelled' } as const;

/**
 * One participant, one session: text and HTML bodies that repeat everything (some clients show only the body),
 * and the calendar part labelled with its method and sent base64 (INVITES.md A1, A6, F1). The subject carries
 * the title only: type, case reference, date.
 */
export function composeInviteEmail(renderer: TemplateRenderer, input: InviteEmailInput, from: string): OutgoingMail {
  const cancelling = input.kind === 'CANCEL' || input.kind === 'UNINVITE';
  const context = {
    kind: input.kind,
    invitation: input.kind === 'INVITE',
    update: input.kind === 'UPDATE',
    cancelled: input.kind === 'CANCEL',
    uninvited: input.kind === 'UNINVITE',
    recipientName: input.recipientName,
    title: input.invite.summary,
    typeLabel: input.typeLabel,
    caseReferences: input.caseReferences.join(', '),
    when: `${formatLondon(input.invite.start)} to ${formatLondonTime(input.invite.end)}`,
    sessionLabel: input.sessionLabel,
    part: input.part,
    join: input.join,
    joinLines: joinLines(input.join),
    preReadDeadline: input.preReadDeadline ? formatLondon(input.preReadDeadline) : null,
    reportRequired: input.reportRequired,
    personalUrl: input.personalUrl,
    organizerEmail: from,
  };
  return {
    from: `Quorum safeguarding meetings <${from}>`,
    to: input.invite.attendee.email,
    subject: `${SUBJECT_PREFIX[input.kind]}: ${input.invite.summary}`,
    text: renderer.render('email/invite.txt', context),
    html: renderer.render('email/invite.html', context),
    icalEvent: {
      method: cancelling ? 'CANCEL' : 'REQUEST',
      filename: cancelling ? 'cancel.ics' : 'invite.ics',
      content: renderIcs(input.invite),
      contentTransferEncoding: 'base64',
    },
  };
}

/** Reminders, packs and records: an email without a calendar part, from `templates/email/<template>.{txt,html}.hbs`. */
export function composeNotificationEmail(
  renderer: TemplateRenderer,
  message: { template: string; subject: string; to: string; context: object },
  from: string,
): OutgoingMail {
  return {
    from: `Quorum safeguarding meetings <${from}>`,
    to: message.to,
    subject: message.subject,
    text: renderer.render(`email/${message.template}.txt`, message.context),
    html: renderer.render(`email/${message.template}.html`, message.context),
  };
}
