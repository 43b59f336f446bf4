/**
 * A delivery status notification (RFC 3464) read from the raw message: mailparser folds the machine-readable
 * `message/delivery-status` part into the text, so the report's parts are split here by its own boundary.
 */
export interface DeliveryReport {
  /** The Message-ID of the message that could not be delivered, without angle brackets. */
  originalMessageId: string | null;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded` (RFC 3464 §2.3.3), of the first recipient. */
  action: string | null;
  /** The enhanced status code, e.g. `5.1.1` (RFC 3463). */
  status: string | null;
  /** The remote server's answer, e.g. `smtp; 550 5.1.1 <…>: Recipient address rejected`. */
  diagnostic: string | null;
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

/** Headers of one block (unfolded, names lower-cased), up to the first blank line. */
export function headerBlock(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    if (line.trim() === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function splitParts(raw: string, boundary: string): Part[] {
  const text = raw.replace(/\r\n/g, '\n');
  const delimiter = `\n--${boundary}`;
  const pieces = `\n${text}`.split(delimiter).slice(1);
  return pieces
    .filter((piece) => !piece.startsWith('--'))
    .map((piece) => {
      const content = piece.replace(/^[ \t]*\n/, '');
      const blank = content.indexOf('\n\n');
      const head = blank === -1 ? content : content.slice(0, blank);
      const body = blank === -1 ? '' : content.slice(blank + 2);
      const headers = headerBlock(head);
      const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
      return {
        headers,
        body: encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body,
      };
    });
}

const mediaType = (part: Part) => (part.headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
const field = (block: string, name: string): string | null => headerBlock(block)[name.toLowerCase()] ?? null;

/** Reads a `multipart/report; report-type=delivery-status` whose boundary the caller took from the parsed headers. */
export function readDeliveryReport(raw: string, boundary: string): DeliveryReport | null {
  const parts = splitParts(raw, boundary);
  const status = parts.find((part) => mediaType(part) === 'message/delivery-status');
  if (!status) return null;
  // The per-message fields come first, then one block per recipient, separated by blank lines (RFC 3464 §2.1).
  const blocks = status.body.split(/\n[ \t]*\n/).filter((block) => block.trim() !== '');
  const recipient = blocks.find((block) => field(block, 'Action') !== null) ?? '';
  const original = parts.find((part) =>
    ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'].includes(mediaType(part)),
  );
  const messageId = original ? (headerBlock(original.body)['message-id'] ?? null) : null;
  return {
    originalMessageId: messageId ? messageId.replace(/^<|>$/g, '').trim() : null,
    action: field(recipient, 'Action')?.toLowerCase() ?? null,
    status: field(recipient, 'Status'),
    diagnostic: field(recipient, 'Diagnostic-Code'),
  };
}
