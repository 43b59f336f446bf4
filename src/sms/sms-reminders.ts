/** Texts before a session: the day before and an hour before, each sent by the outbox at its time. */
export const SMS_REMINDER_HOURS = [24, 1] as const;

/**
 * The reminders still ahead for a session starting at `startsAt`: one whose time has passed (a meeting booked for
 * tomorrow morning has no "day before") is not armed, since the invite has only just gone.
 */
export function remindersFor(startsAt: Date, now: Date): { hoursBefore: number; notBefore: Date }[] {
  return SMS_REMINDER_HOURS.map((hoursBefore) => ({
    hoursBefore,
    notBefore: new Date(startsAt.getTime() - hoursBefore * 3_600_000),
  })).filter((r) => r.notBefore.getTime() > now.getTime());
}
