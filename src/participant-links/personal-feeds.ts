import { Inject, Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Problem } from '../http/problem';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { meetingTitle } from '../deliveries/rendering/calendar-invite';
import { calendarText } from '../deliveries/rendering/ics-text';
import { LinkTokens } from '../link-tokens/link-tokens';
import { joiningDetailsShown } from '../meetings/joining-details';
import { Clock } from '../time/clock';
import { ParticipantLinksRepository } from './participant-links.repository';

const NO_FEED_JOIN = { video_url: null, dial_in_number: null, access_code: null, venue: null };

/** A feed stops working once its person has had no meeting for this long (the personal links' own lifetime). */
export const FEED_LIFETIME_AFTER_LAST_MEETING_MS = 28 * 24 * 3_600_000;

/** Each person's sessions as one subscribable calendar (PUBLISH, UTC, the same UIDs as their invites). */
const FEED_CACHE_SIZE = 1000;

@Injectable()
export class PersonalFeeds {
  private readonly cache = new Map<string, { fingerprint: string; body: string }>();

  constructor(
    private readonly links: ParticipantLinksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly linkTokens: LinkTokens,
    private readonly rules: MeetingRules,
    private readonly clock: Clock,
  ) {}

  /** The feed URL for a person, creating its token on first use. */
  async urlFor(personId: string): Promise<string> {
    const person = await this.links.personWithFeedNonce(personId);
    if (!person) throw Problem.notFound('The person');
    return person.feedNonce ? this.url(person.id, person.feedNonce) : this.rotate(person.id);
  }

  /**
   * A new feed URL for the person; the old one stops working at once (a staff action, or the holder of a feed
   * asking for a new one because the old one was shared or leaked).
   */
  async rotate(personId: string): Promise<string> {
    const issued = this.linkTokens.issue('feed', personId);
    const updated = await this.links.setFeedToken(personId, issued.nonce, issued.hash);
    if (!updated) throw Problem.notFound('The person');
    this.cache.delete(personId);
    return this.url(personId, issued.nonce);
  }

  /** The person a feed token opens, or 404. */
  async personFor(token: string): Promise<string> {
    const personId = await this.links.personIdByFeedTokenHash(LinkTokens.hash(token));
    if (!personId) throw Problem.notFound('The feed');
    return personId;
  }

  private url(personId: string, nonce: string): string {
    return `${this.config.publicUrl}/feeds/${this.linkTokens.token('feed', personId, nonce)}.ics`;
  }

  async render(token: string): Promise<string> {
    const person = { id: await this.personFor(token) };
    const now = this.clock.now();
    // A year back and all ahead.
    const rows = await this.links.feedSessions(person.id, now);
    // Nothing ahead and nothing recent: the feed has done its work, and its token is withdrawn for good (404).
    // A cancelled session counts, so that subscribed calendars learn of the cancellation before the feed goes.
    if (!rows.some((r) => r.ends_at.getTime() > now.getTime() - FEED_LIFETIME_AFTER_LAST_MEETING_MS)) {
      await this.links.withdrawFeedToken(person.id);
      this.cache.delete(person.id);
      throw Problem.notFound('The feed');
    }
    for (const row of rows) row.joinable = joiningDetailsShown(row.status, row.ends_at, now);
    // Calendar apps poll feeds; rendering 500 events costs far more than reading them, so an unchanged feed is served from memory.
    const fingerprint = createHash('sha1').update(JSON.stringify(rows)).digest('base64');
    const cached = this.cache.get(person.id);
    if (cached?.fingerprint === fingerprint) return cached.body;
    const calendar = ical({
      prodId: '//Quorum//Safeguarding Meetings//EN',
      name: 'Safeguarding meetings',
      method: ICalCalendarMethod.PUBLISH,
    });
    for (const row of rows) {
      const rules = this.rules.of(row.type);
      // A cancelled or ended session keeps its place in the calendar, without a way in.
      if (!row.joinable) Object.assign(row, NO_FEED_JOIN);
      const join = [
        row.video_url && `Video: ${row.video_url}`,
        row.dial_in_number && `Phone: ${row.dial_in_number}`,
        row.access_code && `Access code: ${row.access_code}`,
        row.venue && `Venue: ${row.venue}`,
      ]
        .filter(Boolean)
        .join('\n');
      calendar.createEvent({
        id: row.uid,
        sequence: row.sequence,
        start: row.starts_at,
        end: row.ends_at,
        summary: meetingTitle({
          typeShortLabel: rules.shortLabel,
          typeLabel: rules.label,
          caseReferences: row.references,
          date: row.starts_at,
          part: row.session_count > 1 ? { index: row.position + 1, count: row.session_count } : undefined,
        }),
        description: join || null, // an empty DESCRIPTION is invalid (libical drops it): none once the joining details are gone
        location: row.video_url ?? row.venue ?? row.dial_in_number ?? null,
        status: row.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        class: ICalEventClass.PRIVATE,
        // RFC 5546 §3.2.1: a PUBLISHed VEVENT carries its ORGANIZER (libical refuses the feed without one).
        organizer: { name: 'Quorum safeguarding meetings', email: this.config.mailFrom },
      });
    }
    // The same text as calendar.toString(), folded without its per-character TextEncoder (~100 ms for 500 events).
    const body = `${calendarText(calendar)}\r\n`;
    if (this.cache.size >= FEED_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(person.id, { fingerprint, body });
    return body;
  }
}
