import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/roles.decorator';
import { AccessPolicy } from './access-policy';
import { MeetingNeed } from './meeting-access';

const MEETING_PART_KEY = 'quorum:meeting-part';

interface MeetingPart {
  need: MeetingNeed;
  /** The route parameter holding the meeting's id. */
  param: string;
}

/**
 * The meeting named by the route's `:id` must be one the caller may see (else 404) or change (else 403), by the
 * one access policy. Runs after the staff guard, so the caller is known; reads the matched route's parameters.
 */
export const MeetingPart = (need: MeetingNeed, param = 'id') =>
  applyDecorators(SetMetadata(MEETING_PART_KEY, { need, param } satisfies MeetingPart), UseGuards(MeetingAccessGuard));

/** Requests already checked: a route marked on its controller and on its handler runs the guard twice. */
const checked = new WeakSet<object>();

@Injectable()
export class MeetingAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const part = this.reflector.getAllAndOverride<MeetingPart | undefined>(MEETING_PART_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!part) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.user) return false;
    if (checked.has(request)) return true; // the handler's own need was checked the first time
    checked.add(request);
    const action = `meeting.${part.need === 'see' ? 'read' : 'change'}:${context.getClass().name}.${context.getHandler().name}`;
    await this.access.meeting(request.user, String(request.params[part.param] ?? ''), part.need, action);
    return true;
  }
}
