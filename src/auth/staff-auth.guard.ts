import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problem } from '../http/problem';
import { AuthenticatedRequest, ROLES_KEY } from './roles.decorator';
import { StaffRole } from './staff-user';
import { StaffTokens } from './staff-tokens';

/** Everything under `/api` needs a valid bearer token (401) and, where a route names roles, one of them (403). */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: StaffTokens,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.path.startsWith('/api/') && request.path !== '/api') return true;

    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await this.tokens.verify(match[1]) : null;
    if (!user) throw new Problem(HttpStatus.UNAUTHORIZED, 'A valid bearer token is required');
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed || user.roles.includes('ADMIN') || user.roles.some((role) => allowed.includes(role))) return true;
    throw new Problem(HttpStatus.FORBIDDEN, `This needs one of the roles ${allowed.join(', ')}`);
  }
}
