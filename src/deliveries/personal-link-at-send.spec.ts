import { foldLines } from './rendering/ics-text';
import { hasPersonalLink, insertPersonalLink, PERSONAL_LINK_PLACEHOLDER } from './personal-link-at-send';

describe('insertPersonalLink', () => {
  const token = 'Zq3xL0-aB_cdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const url = `https://quorum.example/p/${PERSONAL_LINK_PLACEHOLDER}`;
  const calendar = (link: string) =>
    foldLines(
      [
        'BEGIN:VCALENDAR',
        `DESCRIPTION:Your personal page for this meeting (reply, joining details, reports): ${link}`,
        `URL:${link}`,
        'END:VCALENDAR',
      ].join('\r\n'),
    );
  const mail = {
    from: 'a@b',
    to: 'c@d',
    subject: 'Invitation',
    text: `Open ${url}`,
    html: `<a href="${url}/minutes">x</a>`,
    icalEvent: {
      method: 'REQUEST' as const,
      filename: 'invite.ics',
      content: calendar(url),
      contentTransferEncoding: 'base64' as const,
    },
  };

  it('puts the token in every part, folding the calendar as it would have been folded with the token', () => {
    const sent = insertPersonalLink(mail, token);
    expect(sent.text).toBe(`Open https://quorum.example/p/${token}`);
    expect(sent.html).toContain(`/p/${token}/minutes`);
    expect(sent.icalEvent!.content).toBe(calendar(`https://quorum.example/p/${token}`));
    expect(hasPersonalLink(sent)).toBe(false);
    expect(hasPersonalLink(mail)).toBe(true);
  });

  it('leaves the stored message untouched', () => {
    insertPersonalLink(mail, token);
    expect(mail.text).toContain(PERSONAL_LINK_PLACEHOLDER);
  });
});
