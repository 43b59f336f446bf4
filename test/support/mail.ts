import type { ReceivedMail } from './smtp';
import { parseInvite, ParsedInvite } from './ical';

/** The text/calendar alternative of a received message, decoded, with the MIME method parameter it was labelled with. */
export function calendarPart(mail: ReceivedMail): {
  mimeMethod: string | null;
  transferEncoding: string | null;
  invite: ParsedInvite;
} {
  const headerMatch = /Content-Type: text\/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/i.exec(mail.raw);
  if (!headerMatch) throw new Error('no text/calendar part');
  const header = headerMatch[0].replace(/\r\n[ \t]+/g, ' ');
  const mimeMethod = /method=("?)([A-Za-z-]+)\1/i.exec(header)?.[2] ?? null;
  const after = mail.raw.slice(headerMatch.index);
  const transferEncoding = /Content-Transfer-Encoding: ([\w-]+)/i.exec(after.slice(0, 400))?.[1] ?? null;
  const calendar = mail.parsed.attachments.find(
    (a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics',
  );
  const ics = calendar ? calendar.content.toString('utf8') : (mail.parsed as unknown as { text: string }).text;
  return { mimeMethod, transferEncoding, invite: parseInvite(ics) };
}
