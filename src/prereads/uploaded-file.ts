import { Problem } from '../http/problem';

/** The file field as multer gives it (a staff upload and an upload through a personal link alike). */
export interface UploadedPart {
  originalname: string;
  buffer: Buffer;
  size: number;
}

export function requireFile(file: UploadedPart | undefined): UploadedPart {
  if (!file) throw Problem.badRequest('file', 'a file is required (multipart field "file")');
  return file;
}
