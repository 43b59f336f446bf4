import { Problem } from './problem';

/** The ETag of a versioned resource (a meeting, a case, a person): its version, quoted. */
export function versionEtag(resource: { version: number }): string {
  return `"${resource.version}"`;
}

/**
 * `If-Match` with a stale ETag is 412 (optimistic concurrency): two people changing one case at once must not
 * silently overwrite each other. No header, or `*`, changes whatever is current.
 */
export function assertIfMatch(ifMatch: string | undefined, resource: { version: number }, what: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  if (
    ifMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .includes(versionEtag(resource))
  )
    return;
  throw new Problem(
    412,
    `${what} has changed since you read it (now ${versionEtag(resource)}); read it again and retry`,
  );
}
