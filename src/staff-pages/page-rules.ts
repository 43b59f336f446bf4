import type { StaffRole } from '../auth/staff-user';

/** What more than one staff page says or checks: here, so that no controller imports another. */

/** Said when the confirmation was made on a page older than the meeting (412 from the service). */
export const STALE_PAGE =
  'Someone changed this meeting after you opened this page. Check the details and continue again';

/** Who may exclude someone from a part: those who chair (as POST /api/meetings/:id/exclusions allows). */
export const EXCLUDERS: StaffRole[] = ['CHAIR', 'IRO', 'MARAC_COORDINATOR'];
