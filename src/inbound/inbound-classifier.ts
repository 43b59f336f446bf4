import type { ParsedMail } from 'mailparser';
import { CalendarAnswer, readCalendarAnswer } from './calendar-reply';
import { DeliveryReport, readDeliveryReport } from './delivery-status';

/** What one message to the organiser mailbox is, read without looking anything up. */
export type ClassifiedMessage =
  | { kind: 'CALENDAR'; from: string | null; answer: CalendarAnswer }
  | { kind: 'DELIVERY_REPORT'; report: DeliveryReport }
  | { kind: 'AUTO_REPLY' }
  | { kind: 'UNRECOGNISED' };

/** Subjects of out-of-office answers from servers that set none of the headers (Outlook, Gmail, Exchange in English). */
const AUTO_REPLY_SUBJECT =
  /^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|away from (the )?office)\b/i;

const header = (mail: ParsedMail, name: string): string | null => {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : '')).join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return null;
};

/** RFC 3834 `Auto-Submitted` (anything but `no`), and the older headers Exchange and vacation scripts set. */
export function isAutoReply(mail: ParsedMail): boolean {
  const autoSubmitted = header(mail, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return true;
  if (header(mail, 'x-autoreply') || header(mail, 'x-autorespond')) return true;
  if (/^(auto_reply|auto-reply)$/i.test(header(mail, 'precedence')?.trim() ?? '')) return true;
  if (header(mail, 'x-auto-response-suppress') && AUTO_REPLY_SUBJECT.test(mail.subject ?? '')) return true;
  return AUTO_REPLY_SUBJECT.test(mail.subject ?? '');
}

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

/**
 * Sorts a parsed message. A bounce is tested first: Postfix marks its DSNs `Auto-Submitted: auto-replied`, and they
 * must not be counted as out-of-office answers. A calendar answer comes before the auto-reply test, so a REPLY whose
 * client adds such a header still counts.
 */
export function classifyInbound(mail: ParsedMail, raw: string): ClassifiedMessage {
  const contentType = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (
    contentType?.value?.toLowerCase() === 'multipart/report' &&
    contentType.params?.['report-type']?.toLowerCase() === 'delivery-status' &&
    contentType.params.boundary
  ) {
    const report = readDeliveryReport(raw, contentType.params.boundary);
    if (report) return { kind: 'DELIVERY_REPORT', report };
  }
  const answer = calendarAnswer(mail);
  if (answer) return { kind: 'CALENDAR', from: mail.from?.value[0]?.address?.toLowerCase() ?? null, answer };
  if (isAutoReply(mail)) return { kind: 'AUTO_REPLY' };
  return { kind: 'UNRECOGNISED' };
}
