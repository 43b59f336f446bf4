import { inflateRawSync } from 'node:zlib';

/**
 * A zip package read from its central directory (APPNOTE.TXT §4.3.12, §4.3.16), which is what Word and LibreOffice
 * trust: a signature near the start proves nothing, the directory at the end says what is really inside. Pure and
 * bounded: it refuses what a pre-read never needs (ZIP64, encryption, odd methods, absolute or `..` names, more
 * entries than a document has) and anything that would expand far beyond its size (a zip bomb).
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export const ZIP_LIMITS = {
  maxEntries: 2000,
  /** Everything inflated together: far above a real 10 MB report, far below what hurts the server. */
  maxTotalSize: 100 * 1024 * 1024,
  /** Text compresses well (XML often 10–30×), never thousands of times: above this an entry is a bomb. */
  maxRatio: 200,
  /** An entry under this size is never judged by its ratio (a few kB of repeated XML compress very well). */
  ratioFloor: 1024 * 1024,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries, or a reason the package is refused. */
export function readZipDirectory(zip: Buffer): { entries: ZipEntry[] } | { refused: string } {
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return { refused: 'no zip directory' };
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    return { refused: 'ZIP64 is not used by documents this size' };
  if (count > ZIP_LIMITS.maxEntries) return { refused: 'too many entries' };
  if (directoryOffset + directorySize > end) return { refused: 'the zip directory points outside the file' };
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let at = directoryOffset, i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) return { refused: 'a damaged zip directory' };
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const localHeaderOffset = zip.readUInt32LE(at + 42);
    if (next > end) return { refused: 'a damaged zip directory' };
    if (flags & 0x1) return { refused: 'an encrypted entry' };
    if (method !== 0 && method !== 8) return { refused: 'an entry compressed in a way documents do not use' };
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..') || hasControlCharacter(name))
      return { refused: 'an entry with an unsafe name' };
    if (localHeaderOffset + 30 + compressedSize > directoryOffset) return { refused: 'an entry outside the file' };
    if (size > ZIP_LIMITS.ratioFloor && size / Math.max(compressedSize, 1) > ZIP_LIMITS.maxRatio)
      return { refused: 'an entry that expands too far' };
    total += size;
    if (total > ZIP_LIMITS.maxTotalSize) return { refused: 'too large once expanded' };
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    at = next;
  }
  return { entries };
}

/** One small entry's content (at most `maxBytes`), or null when it is damaged or larger. */
export function readZipEntry(zip: Buffer, entry: ZipEntry, maxBytes = 1024 * 1024): Buffer | null {
  const at = entry.localHeaderOffset;
  if (entry.size > maxBytes || zip.readUInt32LE(at) !== LOCAL) return null;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length === entry.size ? data : null;
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}

/** A control character (U+0000 to U+001F) in an entry's name: no document needs one, and some tools act on them. */
function hasControlCharacter(name: string): boolean {
  return [...name].some((c) => c.charCodeAt(0) < 0x20);
}
