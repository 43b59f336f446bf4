import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'quorum:public';

/**
 * Deny by default (DESIGN.md): every route needs a signed-in staff user unless its controller or handler says
 * `@Public()` — the health check, the personal links and feeds (their token is the credential), sign-in pages.
 * Swagger (`/docs`) and static assets are served outside Nest's router and never reach the guard.
 */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
