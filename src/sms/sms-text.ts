/**
 * A text message's length as networks count it. GSM 03.38 (7-bit) holds 160 characters in one message and 153 in
 * each part of a longer one; the extension table (`{ } [ ] ~ \ | ^ €`) costs two. One character outside the
 * alphabet turns the whole text into UCS-2 (70, then 67 a part), so texts are written in GSM characters only.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';

/** Three parts of 153: what a text may cost (API.md "Text messages"). */
export const MAX_SMS_FRAGMENTS = 3;

export function isGsm(text: string): boolean {
  return [...text].every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c));
}

export function smsFragments(text: string): number {
  if (!isGsm(text)) {
    const length = [...text].length;
    return length <= 70 ? 1 : Math.ceil(length / 67);
  }
  const septets = [...text].reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0);
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/** Typographic punctuation from labels and venues as its GSM look-alike; anything else outside GSM is dropped. */
export function toGsm(text: string): string {
  return text
    .replace(/[‘’‚′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[–—‒−]/g, '-')
    .replace(/…/g, '...')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .split('')
    .filter((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c))
    .join('');
}

/** Free text (a venue) cut to fit, so that one long address cannot push a text past three parts. */
export function clip(text: string | null, max: number): string | null {
  if (!text) return text;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3).trimEnd()}...`;
}
