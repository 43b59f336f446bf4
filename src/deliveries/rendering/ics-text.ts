import ical, { ICalCalendar } from 'ical-generator';

/** UTF-8 length of one "character" as ical-generator's folding takes it (a lone surrogate encodes as U+FFFD: 3 octets). */
function utf8Length(text: string): number {
  let octets = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) octets += 1;
    else if (unit < 0x800) octets += 2;
    else if (
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      i + 1 < text.length &&
      text.charCodeAt(i + 1) >= 0xdc00 &&
      text.charCodeAt(i + 1) <= 0xdfff
    ) {
      octets += 4;
      i++;
    } else octets += 3;
  }
  return octets;
}

const SHORT_ASCII = /^[\x00-\x7f]{0,74}$/;

/**
 * ical-generator's `foldLines`, octet for octet (RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF and a
 * space), without its `new TextEncoder().encode()` per character, which made rendering 500 events take ~100 ms.
 */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (SHORT_ASCII.test(line)) return line;
      let folded = '';
      let octets = 0;
      for (let r = 0; r < line.length; r++) {
        let char = line.charAt(r);
        if (char >= '\ud800' && char <= '\udbff') char += line.charAt(++r);
        const length = utf8Length(char);
        octets += length;
        if (octets > 74) {
          folded += '\r\n ';
          octets = length;
        }
        folded += char;
      }
      return folded;
    })
    .join('\r\n');
}

const END = 'END:VCALENDAR';

/**
 * `calendar.toString()`, the same text: the calendar's own lines from a copy without events, each event's
 * (unfolded) text, then one fast fold. Falls back to `toString()` for anything this does not cover.
 */
export function calendarText(calendar: ICalCalendar): string {
  if (calendar.x().length > 0) return calendar.toString();
  const shell = ical({ ...calendar.toJSON(), events: [] }).toString();
  if (!shell.endsWith(`\r\n${END}`) || shell.includes('\r\n ')) return calendar.toString();
  return foldLines(
    shell.slice(0, shell.length - END.length) +
      calendar
        .events()
        .map((event) => event.toString())
        .join('') +
      END,
  );
}

/**
 * Quoted parameter values (CN="…") as RFC 5545 §3.2 writes them: a backslash is an ordinary character there, but
 * ical-generator escapes it as in a TEXT value, so "A\\B" would read as two backslashes (issue 17). Display names
 * carry no double quote (sanitiseDisplayName), so the quoted value ends at the next one.
 */
export function quotedParamsWrittenOnce(text: string): string {
  if (!text.includes('\\\\')) return text;
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return foldLines(
    unfolded.replace(/;CN="([^"]*)"/g, (_whole, value: string) => `;CN="${value.replace(/\\\\/g, '\\')}"`),
  );
}
