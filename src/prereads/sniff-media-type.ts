/**
 * The allow-list of pre-read types, recognised by their content rather than their name:
 * PDF, Word (.doc and .docx), OpenDocument text and plain UTF-8 text.
 */
export const ALLOWED_MEDIA_TYPES = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'txt',
} as const;
export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

const startsWith = (content: Buffer, bytes: number[]) => bytes.every((b, i) => content[i] === b);

function zipKind(content: Buffer): AllowedMediaType | null {
  // An ODF package stores an uncompressed `mimetype` entry first (ODF 1.2 §3.3).
  const head = content.subarray(0, 200).toString('latin1');
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
  // OOXML: a word/ part named in the zip directory.
  if (content.includes(Buffer.from('word/document.xml')) || content.includes(Buffer.from('word/'))) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

function isPlainText(content: Buffer): boolean {
  if (content.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // Control characters other than tab, line feed, form feed and carriage return mean binary.
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** The media type the content really is, or null when it is not one we accept. */
export function sniffMediaType(content: Buffer): AllowedMediaType | null {
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(content, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/msword'; // OLE2 compound file
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return zipKind(content); // ZIP
  if (isPlainText(content)) return 'text/plain';
  return null;
}
