/**
 * Joining details (video link, dial-in, PIN, venue) are for joining: once a meeting is cancelled or a session has
 * ended they are shown nowhere, not on the personal page, in the feed, in invite.ics nor in a cancellation (issue
 * 17: a cancelled meeting's room and PIN stayed readable through every link). One rule, asked by each of them.
 */
export function joiningDetailsShown(meetingStatus: string, sessionEndsAt: Date, now: Date): boolean {
  return meetingStatus !== 'CANCELLED' && sessionEndsAt.getTime() > now.getTime();
}

export const NO_JOINING_DETAILS = { videoUrl: null, dialInNumber: null, accessCode: null, venue: null } as const;

/** How long a cancelled meeting's personal links still open its page (to read the cancellation), then 404. */
export const LINK_LIFETIME_AFTER_CANCELLATION_MS = 7 * 24 * 3_600_000;
