import express from 'express';
import * as path from 'node:path';

/** The package's built files: CSS, JS, images and fonts, as published (no front-end build step). */
const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
/** Quorum's own small stylesheet and the script that starts GOV.UK Frontend's components. */
const OWN_ASSETS = path.join(__dirname, '..', '..', 'public');

/**
 * `/assets`: GOV.UK Frontend's stylesheet and script (`/assets/govuk-frontend.min.css`), its images and fonts (the
 * paths its CSS asks for, `/assets/images/…`), and Quorum's own files. Served by Express before Nest's router, so these
 * public files never reach the staff guard; they are the same for everyone and may be cached for a day.
 */
export function staticAssets(): express.Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const options = {
    index: false,
    fallthrough: true,
    setHeaders: (response: express.Response) => response.setHeader('Cache-Control', 'public, max-age=86400'),
  };
  router.use(express.static(OWN_ASSETS, options));
  router.use(express.static(path.join(GOVUK_DIST, 'assets'), options));
  router.use((request, response, next) =>
    /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(request.path)
      ? express.static(GOVUK_DIST, options)(request, response, next)
      : next(),
  );
  return router;
}
