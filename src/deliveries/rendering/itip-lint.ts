/**
 * Our own iTIP linter for the invitations Quorum sends (INVITES.md T17). It checks what ical.js and libical let
 * through (INVITES.md K1, K3, P24): the iTIP shape of a REQUEST or CANCEL, UTC times, and our own policies (one
 * VEVENT, no recurrence, no VALARM). It returns one sentence per problem; an empty list means none found.
 *
 * It reads the text itself rather than trusting a parser, so it also sees physical lines (folding, CRLF).
 */
export interface ItipExpectations {
  /** The METHOD the message should carry (e.g. the one in the MIME `method=` parameter). */
  method?: 'REQUEST' | 'CANCEL';
  /** The SEQUENCE the message should carry; SEQUENCE may only be left out when this is 0. */
  sequence?: number;
}

interface ContentLine {
  name: string;
  params: Map<string, string>;
  value: string;
  /** Components open when the line was read, outermost first: `['VCALENDAR', 'VEVENT']`. */
  path: string[];
}

interface Component {
  name: string;
  lines: ContentLine[];
  children: Component[];
}

const MAX_OCTETS = 75;
const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;
const DATE_TIME_PROPERTIES = ['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE'];
const UTC_ONLY_PROPERTIES = ['DTSTAMP', 'CREATED', 'LAST-MODIFIED'];

export function lintItip(ics: string, expected: ItipExpectations = {}): string[] {
  const problems: string[] = [];
  problems.push(...physicalProblems(ics));

  const lines = unfold(ics);
  const { root, structural } = buildTree(lines);
  problems.push(...structural);
  if (!root) return problems;

  const calendar = root;
  const property = (component: Component, name: string) => component.lines.filter((line) => line.name === name);

  // VCALENDAR level
  if (property(calendar, 'VERSION')[0]?.value !== '2.0') problems.push('VERSION:2.0 is missing');
  if (property(calendar, 'PRODID').length !== 1) problems.push('PRODID must appear once');
  if (lines.some((line) => line.name === 'TIMEZONE-ID'))
    problems.push('TIMEZONE-ID is not a standard property (INVITES.md D5)');
  if (lines.some((line) => line.name === 'X-WR-TIMEZONE'))
    problems.push('X-WR-TIMEZONE is present: write UTC times instead (INVITES.md D5)');

  const methods = lines.filter((line) => line.name === 'METHOD');
  const method = methods[0]?.value.toUpperCase();
  if (methods.length === 0)
    problems.push('METHOD is missing: without it this is not an iTIP message (RFC 5546, INVITES.md B1)');
  if (methods.length > 1) problems.push('METHOD appears more than once');
  for (const line of methods) {
    if (line.path.length !== 1)
      problems.push(`METHOD is inside ${line.path[line.path.length - 1]}: it belongs to VCALENDAR (INVITES.md B12)`);
  }
  const firstComponent = lines.findIndex((line) => line.name === 'BEGIN' && line.path.length === 1);
  const methodIndex = lines.findIndex((line) => line.name === 'METHOD');
  if (methodIndex >= 0 && firstComponent >= 0 && methodIndex > firstComponent && methods[0].path.length === 1) {
    problems.push('METHOD comes after a component: it must precede every component (INVITES.md B12, P20)');
  }
  if (method !== undefined && method !== 'REQUEST' && method !== 'CANCEL')
    problems.push(`METHOD:${method} is not a REQUEST or a CANCEL (INVITES.md C5)`);
  if (expected.method && method !== undefined && method !== expected.method)
    problems.push(`METHOD:${method} differs from the expected ${expected.method} (INVITES.md A1, F1)`);

  // Time zones: a TZID needs its VTIMEZONE.
  const timezones = new Set(
    calendar.children.filter((c) => c.name === 'VTIMEZONE').map((c) => property(c, 'TZID')[0]?.value),
  );
  for (const line of lines) {
    const tzid = line.params.get('TZID');
    if (tzid !== undefined && !timezones.has(tzid))
      problems.push(`${line.name} names TZID=${tzid} without a matching VTIMEZONE (INVITES.md D2, P8)`);
  }

  // VEVENTs
  const events = calendar.children.filter((c) => c.name === 'VEVENT');
  if (events.length === 0) problems.push('there is no VEVENT');
  if (events.length > 1)
    problems.push(`there are ${events.length} VEVENTs: send one session per message (INVITES.md H2)`);
  const uids = new Set(events.map((event) => property(event, 'UID')[0]?.value));
  if (uids.size > 1) problems.push('the VEVENTs have different UIDs (RFC 5546 §3.2.2)');
  for (const other of calendar.children.filter((c) => c.name !== 'VEVENT' && c.name !== 'VTIMEZONE')) {
    problems.push(`unexpected ${other.name} component`);
  }

  for (const event of events) {
    const one = (name: string) => property(event, name)[0];
    for (const name of ['UID', 'DTSTAMP', 'ORGANIZER'])
      if (!one(name)) problems.push(`${name} is missing from the VEVENT (RFC 5546 §3.2)`);
    if (method === 'REQUEST') {
      for (const name of ['DTSTART', 'SUMMARY'])
        if (!one(name)) problems.push(`${name} is missing from the REQUEST (RFC 5546 §3.2.2)`);
    }
    const attendees = property(event, 'ATTENDEE');
    if (attendees.length === 0) problems.push('there is no ATTENDEE: the recipient must be one (INVITES.md F5, P14)');

    const sequence = one('SEQUENCE');
    if (sequence && !/^\d+$/.test(sequence.value)) problems.push(`SEQUENCE:${sequence.value} is not a whole number`);
    if (!sequence && method === 'CANCEL') problems.push('SEQUENCE is missing from the CANCEL (RFC 5546 §3.2.5)');
    if (expected.sequence !== undefined) {
      const actual = sequence ? Number(sequence.value) : 0;
      if (!sequence && expected.sequence > 0)
        problems.push(`SEQUENCE is missing, expected ${expected.sequence} (RFC 5546 §3.2.2)`);
      else if (actual !== expected.sequence) problems.push(`SEQUENCE is ${actual}, expected ${expected.sequence}`);
    }

    const status = one('STATUS')?.value.toUpperCase();
    if (method === 'CANCEL' && status !== undefined && status !== 'CANCELLED')
      problems.push(`a CANCEL with STATUS:${status} (RFC 5546 §3.2.5)`);
    if (method === 'REQUEST' && status === 'CANCELLED')
      problems.push('a REQUEST with STATUS:CANCELLED leaves the event in calendars: send a CANCEL (INVITES.md C6, P4)');

    const alarms = event.children.filter((c) => c.name === 'VALARM');
    if (alarms.length > 0 && method === 'CANCEL')
      problems.push('the CANCEL contains a VALARM (RFC 5546 §3.2.5: VALARM presence 0)');
    else if (alarms.length > 0)
      problems.push('the VEVENT contains a VALARM: recipients set their own reminders (INVITES.md I5)');

    for (const name of ['RRULE', 'RDATE', 'EXDATE', 'RECURRENCE-ID']) {
      if (one(name))
        problems.push(`${name} is present: each session is a separate, non-recurring VEVENT (INVITES.md H1, F2)`);
    }

    const organizer = one('ORGANIZER');
    for (const line of [organizer, ...attendees]) {
      if (line && !/^mailto:/i.test(line.value)) problems.push(`${line.name} is not a mailto: address (RFC 6047 §2.3)`);
    }
    if (organizer && attendees.some((attendee) => attendee.value.toLowerCase() === organizer.value.toLowerCase())) {
      problems.push('an ATTENDEE is the ORGANIZER mailbox (INVITES.md F4)');
    }

    const start = one('DTSTART');
    const end = one('DTEND');
    if (start && end && UTC_DATE_TIME.test(start.value) && UTC_DATE_TIME.test(end.value) && end.value <= start.value) {
      problems.push('DTEND is not after DTSTART');
    }
  }

  for (const line of lines) {
    const inTimezone = line.path.includes('VTIMEZONE'); // STANDARD/DAYLIGHT onsets are local times by definition
    if (
      DATE_TIME_PROPERTIES.includes(line.name) &&
      !inTimezone &&
      line.params.get('VALUE') !== 'DATE' &&
      !line.params.has('TZID')
    ) {
      for (const value of line.value.split(',')) {
        if (value.includes('T') && !value.endsWith('Z'))
          problems.push(`${line.name}:${value} is a floating time: write it in UTC with Z (INVITES.md D3, P9)`);
      }
    }
    if (UTC_ONLY_PROPERTIES.includes(line.name) && !UTC_DATE_TIME.test(line.value)) {
      problems.push(`${line.name}:${line.value} is not a UTC date-time (…Z) (RFC 5545 §3.8.7, INVITES.md B7, P6)`);
    }
  }
  return problems;
}

/** CRLF only, a final CRLF, lines of at most 75 octets, continuation lines starting with one space or tab. */
function physicalProblems(ics: string): string[] {
  const problems: string[] = [];
  if (!ics.endsWith('\r\n')) problems.push('the object does not end with CRLF (INVITES.md E2, P21)');
  if (/\r(?!\n)|(?<!\r)\n/.test(ics)) problems.push('there is a bare CR or LF: lines end with CRLF (RFC 5545 §3.1)');
  const physical = ics.split('\r\n');
  if (physical[physical.length - 1] === '') physical.pop();
  physical.forEach((line, index) => {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > MAX_OCTETS)
      problems.push(`line ${index + 1} is ${octets} octets long (at most ${MAX_OCTETS}, RFC 5545 §3.1)`);
    if (line === '') problems.push(`line ${index + 1} is empty`);
  });
  return problems;
}

function unfold(ics: string): ContentLine[] {
  const logical = ics
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const path: string[] = [];
  return logical.map((text) => {
    const line = { ...parseContentLine(text), path: [...path] };
    if (line.name === 'BEGIN') path.push(line.value.toUpperCase());
    if (line.name === 'END') path.pop();
    return line;
  });
}

/** `NAME;PARAM=value;PARAM="quoted: value":value` — a colon inside quotes is not the value separator. */
function parseContentLine(text: string): Omit<ContentLine, 'path'> {
  let index = 0;
  let inQuotes = false;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === ':' && !inQuotes) break;
    index += 1;
  }
  const head = text.slice(0, index);
  const value = text.slice(index + 1);
  const [name, ...rawParams] = splitOutsideQuotes(head, ';');
  const params = new Map<string, string>();
  for (const raw of rawParams) {
    const equals = raw.indexOf('=');
    if (equals > 0) params.set(raw.slice(0, equals).toUpperCase(), raw.slice(equals + 1).replace(/^"(.*)"$/, '$1'));
  }
  return { name: name.toUpperCase(), params, value };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    if (char === separator && !inQuotes) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function buildTree(lines: ContentLine[]): { root: Component | null; structural: string[] } {
  const structural: string[] = [];
  if (lines[0]?.name !== 'BEGIN' || lines[0].value.toUpperCase() !== 'VCALENDAR')
    structural.push('the object does not start with BEGIN:VCALENDAR');
  const stack: Component[] = [];
  let root: Component | null = null;
  for (const line of lines) {
    if (line.name === 'BEGIN') {
      const component: Component = { name: line.value.toUpperCase(), lines: [], children: [] };
      if (stack.length > 0) stack[stack.length - 1].children.push(component);
      else if (root) structural.push('more than one VCALENDAR in the object');
      else root = component;
      stack.push(component);
    } else if (line.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== line.value.toUpperCase())
        structural.push(`END:${line.value} does not close ${open ? `BEGIN:${open.name}` : 'anything'}`);
    } else if (stack.length > 0) stack[stack.length - 1].lines.push(line);
    else structural.push(`${line.name} is outside VCALENDAR`);
  }
  for (const open of stack) structural.push(`BEGIN:${open.name} is never closed`);
  return { root, structural };
}
