import type { MulterModuleOptions } from '@nestjs/platform-express';
import type { AppConfig } from '../config/app-config';

/**
 * The one set of multipart limits for every upload route (staff and personal link): one file no larger than
 * MAX_UPLOAD_BYTES, a few short fields, a few parts. Multer stops reading at a limit and answers 413 or 400,
 * so nothing larger is ever held in memory.
 */
export function uploadLimits(config: Pick<AppConfig, 'maxUploadBytes'>): MulterModuleOptions {
  return {
    // Six fields: title, audience, participantId, and a written agreement's kind, signedBy and signedOn (issue 22).
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 6, fieldSize: 4 * 1024, parts: 7, headerPairs: 50 },
  };
}

/** What a whole multipart body may be: the file, its fields and their boundaries. */
export function maxUploadBodyBytes(config: Pick<AppConfig, 'maxUploadBytes'>): number {
  return config.maxUploadBytes + 64 * 1024;
}
