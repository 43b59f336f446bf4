import { isUtf8 } from 'node:buffer';
import { readZipDirectory, readZipEntry, ZipEntry } from './zip-directory';

/**
 * The allow-list of pre-read types, recognised by their content rather than their name: PDF, Word (.docx),
 * OpenDocument text and plain UTF-8 text. Each type's extension is the one its download carries.
 * Not Word 97-2003 (.doc): an OLE2 compound file is also what an .msi installer or a macro-laden file is.
 */
export const ALLOWED_MEDIA_TYPES = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'txt',
} as const;
export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

/** Names the uploader may give each type; any other extension is a mismatch (a `.bat` that is text, an `.hta`). */
const NAME_EXTENSIONS: Record<AllowedMediaType, string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'text/plain': ['txt', 'text', 'md', 'csv', 'log'],
};

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const ODT = 'application/vnd.oasis.opendocument.text';
/** Parts that carry code or foreign objects (VBA macros, embedded OLE, executables): never in a pre-read. */
const CODE_PART = /\.(bin|exe|dll|com|scr|msi|js|jse|vbs|vbe|wsf|hta|bat|cmd|ps1|jar|lnk)$/i;

const startsWith = (content: Buffer, bytes: number[]) => bytes.every((b, i) => content[i] === b);

function isDocx(zip: Buffer, entries: ZipEntry[]): boolean {
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (!types || !entries.some((e) => e.name === 'word/document.xml')) return false;
  const xml = readZipEntry(zip, types)?.toString('utf8') ?? '';
  // The main part must be a plain Word document, not .docm (macroEnabled) or a template.
  return xml.includes(`ContentType="${DOCX_MAIN}"`) && !/macroEnabled/i.test(xml);
}

function isOdt(zip: Buffer, entries: ZipEntry[]): boolean {
  // ODF 1.2 part 3 §3.3: the first entry is `mimetype`, stored, holding exactly the media type.
  const [first] = entries;
  if (first?.name !== 'mimetype' || first.method !== 0) return false;
  if (readZipEntry(zip, first, 200)?.toString('latin1') !== ODT) return false;
  return entries.some((e) => e.name === 'content.xml') && entries.some((e) => e.name === 'META-INF/manifest.xml');
}

function zipKind(zip: Buffer): AllowedMediaType | null {
  const directory = readZipDirectory(zip);
  if ('refused' in directory) return null;
  if (directory.entries.some((e) => CODE_PART.test(e.name))) return null;
  if (isDocx(zip, directory.entries)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (isOdt(zip, directory.entries)) return 'application/vnd.oasis.opendocument.text';
  return null;
}

/** Markup a browser or Windows would run or render (HTML, SVG, HTA, XML): never "plain text", whatever it is called. */
const MARKUP = /^<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|hta:|meta|link|style|\?xml)\b/i;
const MARKUP_ANYWHERE = new RegExp(MARKUP.source.slice(1), 'i');

/** Control characters other than tab, line feed, form feed and carriage return mean binary (never inside a UTF-8 sequence). */
const CONTROL_BYTES = [...Array(32).keys()].filter((b) => ![0x09, 0x0a, 0x0c, 0x0d].includes(b)).concat(0x7f);
const WHITESPACE_OR_BOM = new Set([0x20, 0x09, 0x0a, 0x0c, 0x0d, 0xef, 0xbb, 0xbf]);

/**
 * Plain UTF-8 text, checked with native scans (isUtf8, indexOf) rather than a decode and regular expressions over
 * the whole file: a 10 MB upload must not hold the event loop (issue 17: one upload delayed /health).
 */
function isPlainText(content: Buffer): boolean {
  if (content.length === 0 || !isUtf8(content)) return false;
  if (CONTROL_BYTES.some((b) => content.includes(b))) return false;
  let first = 0;
  while (first < content.length && WHITESPACE_OR_BOM.has(content[first])) first++;
  if (content[first] === 0x3c) return false; // starts like markup
  let seen = 0;
  for (let at = content.indexOf(0x3c); at >= 0; at = content.indexOf(0x3c, at + 1)) {
    // Text full of "<" is rare: past a thousand, one pass over the whole text is cheaper than one look each.
    if (++seen > 1000) return !MARKUP_ANYWHERE.test(content.toString('latin1'));
    if (MARKUP.test(content.toString('latin1', at, at + 32))) return false;
  }
  return true;
}

/** The media type the content really is, or null when it is not one we accept. */
export function sniffMediaType(content: Buffer): AllowedMediaType | null {
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return zipKind(content); // ZIP
  // OLE2 (.doc, .msi, .msg), executables (MZ, ELF), images and the rest: refused.
  if (isPlainText(content)) return 'text/plain';
  return null;
}

/** Whether the name the uploader gave agrees with what the content is (no extension at all is fine). */
export function nameFitsType(fileName: string, mediaType: AllowedMediaType): boolean {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return !extension || NAME_EXTENSIONS[mediaType].includes(extension);
}

/** The download name: a safe stem and the extension of the checked type (`Police report.pdf`). */
export function downloadName(fileName: string, mediaType: string): string {
  const extension = (ALLOWED_MEDIA_TYPES as Record<string, string>)[mediaType] ?? 'bin';
  const stem = fileName
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .replace(/[^A-Za-z0-9 _-]+/g, '_')
    .replace(/^[\s._-]+|[\s._-]+$/g, '')
    .slice(0, 80);
  return `${stem || 'document'}.${extension}`;
}
