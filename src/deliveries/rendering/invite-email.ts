import type { TemplateRenderer } from '../../templates/template-renderer';
import { londonTimeRange } from '../../templates/london-format';
import { CalendarInvite, JoiningDetails, joinLines, renderIcs } from './calendar-invite';

/**
 * A composed message, exactly the fields handed to nodemailer's `sendMail`. It is stored in the outbox so that a
 * retry sends the very same bytes (INVITES.md C3, J5). Nothing else goes in: no `attachments`, no extra
 * alternatives (INVITES.md A5, P13).
 */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string; contentTransferEncoding: 'base64' };
}

export interface InviteEmailInput {
  /** INVITE and UPDATE are REQUESTs; CANCEL (the session is cancelled) and UNINVITE (this recipient is removed) are CANCELs. */
  kind: 'INVITE' | 'UPDATE' | 'CANCEL' | 'UNINVITE';
  invite: CalendarInvite;
  /** Used in the greeting only: the body goes to this person alone. Never in the subject or the calendar title. */
  recipientName: string;
  typeLabel: string;
  caseReferences: string[];
  join: JoiningDetails;
  preReadDeadline: Date | null;
  personalUrl: string;
  reportRequired: boolean;
  /** Shown in the body only (it may say who the session is for). */
  sessionLabel?: string | null;
  part?: { index: number; count: number };
}

/** The display name on every message; the address is the organizer mailbox. */
export const SENDER_NAME = 'Quorum safeguarding meetings';

// A removal or an exclusion says what it is: "Cancelled: ICPC …" reads to a parent as the conference being called off.
const SUBJECT_PREFIX = {
  INVITE: 'Invitation: ',
  UPDATE: 'Updated: ',
  CANCEL: 'Cancelled: ',
  UNINVITE: 'You are no longer invited to ',
} as const;
const METHOD_OF_KIND = { INVITE: 'REQUEST', UPDATE: 'REQUEST', CANCEL: 'CANCEL', UNINVITE: 'CANCEL' } as const;
// API.md "Invitations": cancellations are STATUS:CANCELLED, an uninvite too. Each recipient's VEVENT has them as its
// only ATTENDEE, so a STATUS:CANCELLED uninvite cancels that person's copy and nobody else's.
const STATUS_OF_KIND: Record<InviteEmailInput['kind'], 'CONFIRMED' | 'CANCELLED'> = {
  INVITE: 'CONFIRMED',
  UPDATE: 'CONFIRMED',
  CANCEL: 'CANCELLED',
  UNINVITE: 'CANCELLED',
};

/**
 * One participant, one session: a text and an HTML body that repeat everything (some clients show only the
 * body), and the calendar part labelled with its method and sent base64 (INVITES.md A1, A6, A7, F1, J4).
 *
 * The subject is `Invitation: <summary>`, `Updated: <summary>`, `Cancelled: <summary>` or, for a recipient removed or
 * excluded while the meeting goes ahead, `You are no longer invited to <summary>`, the summary having been
 * built by meetingTitle(), so no name reaches it. `from` is the bare organizer mailbox (`meetings@…`); it must be
 * the invite's ORGANIZER address (INVITES.md F3, T19).
 */
export function composeInviteEmail(renderer: TemplateRenderer, input: InviteEmailInput, from: string): OutgoingMail {
  const method = METHOD_OF_KIND[input.kind];
  if (input.invite.method !== method)
    throw new RangeError(`A ${input.kind} email carries a ${method}, not a ${input.invite.method}`);
  if (input.invite.status !== STATUS_OF_KIND[input.kind])
    throw new RangeError(
      `A ${input.kind} email carries STATUS ${STATUS_OF_KIND[input.kind] ?? '(none)'}, not ${input.invite.status ?? '(none)'}`,
    );
  if (input.invite.organizer.email.toLowerCase() !== from.toLowerCase()) {
    throw new RangeError('The email must come from the ORGANIZER mailbox (INVITES.md F3, A8)');
  }
  const cancelling = method === 'CANCEL';
  const context = {
    kind: input.kind,
    heading: HEADINGS[input.kind],
    title: input.invite.summary,
    recipientName: input.recipientName,
    typeLabel: input.typeLabel,
    caseReferences: input.caseReferences.join(', '),
    part: input.part && input.part.count > 1 ? input.part : null,
    sessionLabel: input.sessionLabel || null,
    when: londonTimeRange(input.invite.start, input.invite.end),
    cancelling,
    join: input.join,
    joinLines: joinLines(input.join),
    hasJoin: joinLines(input.join).length > 0,
    preReadDeadline: input.preReadDeadline,
    reportRequired: input.reportRequired,
    personalUrl: input.personalUrl,
    organizerEmail: from,
  };
  return {
    from: `${SENDER_NAME} <${from}>`,
    to: input.invite.attendee.email,
    subject: `${SUBJECT_PREFIX[input.kind]}${input.invite.summary}`,
    text: renderer.render('email/invite.txt', context),
    html: renderer.render('email/invite.html', context),
    icalEvent: {
      method, // nodemailer's default is PUBLISH, which Outlook rejects against METHOD:REQUEST (INVITES.md F1, P1)
      filename: cancelling ? 'cancel.ics' : 'invite.ics',
      content: renderIcs(input.invite),
      contentTransferEncoding: 'base64', // not quoted-printable (INVITES.md A6, P12)
    },
  };
}

const HEADINGS = {
  INVITE: 'You are invited to a meeting',
  UPDATE: 'A meeting you are invited to has changed',
  CANCEL: 'A meeting has been cancelled',
  UNINVITE: 'You are no longer invited to this session',
} as const;

/**
 * Reminders, pre-read packs, records: an email with no calendar part, from `templates/email/<template>.txt.hbs`
 * and `.html.hbs`. The context gets `organizerEmail` (the sender mailbox) for the footer unless it has its own.
 */
export function composeNotificationEmail(
  renderer: TemplateRenderer,
  message: { template: string; subject: string; to: string; context: object },
  from: string,
): OutgoingMail {
  const context = { organizerEmail: from, ...message.context };
  return {
    from: `${SENDER_NAME} <${from}>`,
    to: message.to,
    subject: message.subject,
    text: renderer.render(`email/${message.template}.txt`, context),
    html: renderer.render(`email/${message.template}.html`, context),
  };
}
