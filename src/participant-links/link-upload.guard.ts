import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Problem } from '../http/problem';
import { refuseAndClose } from '../prereads/upload-body.guard';
import { ParticipantLinksService } from './participant-links.service';

/** A report or two, and a corrected copy: far fewer than the page views the general link limit allows. */
export const UPLOADS_PER_LINK = { limit: 5, windowMs: 10 * 60_000 };

/**
 * Guards `POST /p/:token/documents` before multer reads the body (guards run before interceptors): an unknown,
 * removed or expired link is a 404 without reading the file, and each link may upload only a few times in a
 * window, wherever the requests come from (a stolen link is not a free file store).
 */
@Injectable()
export class LinkUploadGuard implements CanActivate {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly links: ParticipantLinksService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = String(request.params.token ?? '');
    let participantId: string;
    try {
      participantId = (await this.links.participantFor(token)).id;
    } catch (error) {
      refuseAndClose(context);
      throw error;
    }
    const now = performance.now();
    const recent = (this.recent.get(participantId) ?? []).filter((at) => now - at < UPLOADS_PER_LINK.windowMs);
    if (recent.length >= UPLOADS_PER_LINK.limit) {
      refuseAndClose(context);
      throw new Problem(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many uploads through this link: at most ${UPLOADS_PER_LINK.limit} in ${UPLOADS_PER_LINK.windowMs / 60_000} minutes`,
      );
    }
    recent.push(now);
    this.recent.set(participantId, recent);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.keys().next().value as string);
    return true;
  }
}
