import type { ParsedMail } from 'mailparser';
import { CalendarAnswer, readCalendarAnswer } from './calendar-reply';

/** What one message to the organiser mailbox is, read without looking anything up. */
export type ClassifiedMessage =
  | { kind: 'CALENDAR'; from: string | null; answer: CalendarAnswer }
  | { kind: 'UNRECOGNISED' };

/** The calendar answer a message carries: the text/calendar part first (Outlook, Apple), else an attached .ics (Gmail's invite.ics). */
function calendarAnswer(mail: ParsedMail): CalendarAnswer | null {
  const calendars = mail.attachments.filter(
    (a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics' || /\.ics$/i.test(a.filename ?? ''),
  );
  calendars.sort((a, b) => Number(b.contentType === 'text/calendar') - Number(a.contentType === 'text/calendar'));
  for (const attachment of calendars) {
    const answer = readCalendarAnswer(attachment.content.toString('utf8'));
    if (answer) return answer;
  }
  return null;
}

/** Sorts a parsed message: a calendar answer, or something this version does not read. */
export function classifyInbound(mail: ParsedMail, _raw: string): ClassifiedMessage {
  const answer = calendarAnswer(mail);
  if (answer) return { kind: 'CALENDAR', from: mail.from?.value[0]?.address?.toLowerCase() ?? null, answer };
  return { kind: 'UNRECOGNISED' };
}
