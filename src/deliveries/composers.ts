import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Delivery } from './delivery.entity';
import type { OutgoingMail } from './rendering/invite-email';

/** Builds the message for one delivery from the current state; null when there is nothing to send any more. */
export type Composer = (delivery: Delivery, db: EntityManager) => Promise<OutgoingMail | null>;

/** The token of a participant's personal link, re-created at send time (see personal-link-at-send.ts). */
export type PersonalLinkToken = (participantId: string, db: EntityManager) => Promise<string | null>;

/**
 * Each feature registers how its kinds of message are written (meetings: invites; prereads: reminders and packs;
 * minutes: distribution), so the outbox knows nothing of them and dependencies point one way.
 */
@Injectable()
export class Composers {
  private readonly byKind = new Map<string, Composer>();
  private linkToken: PersonalLinkToken | null = null;

  register(kinds: readonly string[], composer: Composer): void {
    for (const kind of kinds) this.byKind.set(kind, composer);
  }

  for(kind: string): Composer | undefined {
    return this.byKind.get(kind);
  }

  /** Registered by the feature that owns personal links (meetings), so the outbox need not know how they are made. */
  registerPersonalLinks(linkToken: PersonalLinkToken): void {
    this.linkToken = linkToken;
  }

  personalLinkToken(participantId: string, db: EntityManager): Promise<string | null> {
    if (!this.linkToken) throw new Error('no personal-link resolver registered');
    return this.linkToken(participantId, db);
  }
}
