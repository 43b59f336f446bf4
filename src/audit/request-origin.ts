import { AsyncLocalStorage } from 'node:async_hooks';

/** Where the request being handled came from, as the audit trail records it with every entry it causes. */
export interface RequestOrigin {
  /** The client's address (behind a proxy on loopback, the one it forwarded: `trust proxy`). */
  ip: string | null;
  userAgent: string | null;
}

const current = new AsyncLocalStorage<RequestOrigin>();

/**
 * Express middleware: the rest of the request runs knowing its origin, so that an action taken through a personal
 * link is audited as that participant *with* the request's origin (issue 16) without every service passing it on.
 */
export function rememberRequestOrigin(
  request: { ip?: string; headers: Record<string, string | string[] | undefined> },
  _response: unknown,
  next: () => void,
): void {
  const agent = request.headers['user-agent'];
  current.run({ ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 200) : null }, next);
}

/** The origin of the request being handled, or null outside one (a sweep, the delivery worker). */
export function requestOrigin(): RequestOrigin | null {
  return current.getStore() ?? null;
}
