import { foldLines } from './rendering/ics-text';
import type { OutgoingMail } from './rendering/invite-email';

/**
 * No working personal link at rest (issue 17): a composed message carries this in place of the link's token,
 * and is stored (`deliveries.rendered`) and written to `.eml` files that way. The worker puts the real token in
 * only for the copy it hands to the relay, re-creating it from the participant's nonce (link-tokens.ts), so a copy
 * of the database or the mail folder opens nobody's page.
 */
export const PERSONAL_LINK_PLACEHOLDER = 'personal-link-inserted-when-sent';

/** The message as sent: every placeholder replaced by `token` (calendar text unfolded first, then folded again). */
export function insertPersonalLink(mail: OutgoingMail, token: string): OutgoingMail {
  const put = (text: string) => text.split(PERSONAL_LINK_PLACEHOLDER).join(token);
  return {
    ...mail,
    subject: put(mail.subject),
    text: put(mail.text),
    html: put(mail.html),
    ...(mail.icalEvent
      ? { icalEvent: { ...mail.icalEvent, content: foldLines(put(mail.icalEvent.content.replace(/\r\n[ \t]/g, ''))) } }
      : {}),
  };
}

export function hasPersonalLink(mail: OutgoingMail): boolean {
  return [mail.subject, mail.text, mail.html, mail.icalEvent?.content.replace(/\r\n[ \t]/g, '') ?? ''].some((t) =>
    t.includes(PERSONAL_LINK_PLACEHOLDER),
  );
}
