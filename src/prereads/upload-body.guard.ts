import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Problem } from '../http/problem';
import { maxUploadBodyBytes } from './upload-limits';

/**
 * Refuses an upload whose declared length is already too large, before a byte of it is read (multer's own limit
 * catches a body that does not declare its length). The connection is closed after the answer, so a client
 * still sending hundreds of megabytes is not read to the end.
 */
@Injectable()
export class UploadBodyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxUploadBodyBytes(this.config)) {
      refuseAndClose(context);
      throw new Problem(HttpStatus.PAYLOAD_TOO_LARGE, `file: larger than ${this.config.maxUploadBytes} bytes`, [
        { field: 'file', message: 'is too large' },
      ]);
    }
    return true;
  }
}

/** Answer, then close: the rest of an unread body is not worth receiving. */
export function refuseAndClose(context: ExecutionContext): void {
  context.switchToHttp().getResponse<Response>().setHeader('Connection', 'close');
}
