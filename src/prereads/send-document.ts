import type { Response } from 'express';
import { downloadName } from './sniff-media-type';

/**
 * A pre-read as a download: typed from its checked content (never from the uploader's file name), named
 * `<safe stem>.<that type's extension>`, and always an attachment, so no browser renders or runs it.
 * (Express's `attachment(name)` sets the type from the name: it comes first, then the real type overrides it.)
 */
export function sendDocument(
  response: Response,
  document: { fileName: string; mediaType: string; content: Buffer },
): void {
  response.attachment(downloadName(document.fileName, document.mediaType));
  response.setHeader(
    'Content-Type',
    document.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : document.mediaType,
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.send(document.content);
}
