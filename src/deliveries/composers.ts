import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Delivery } from './delivery.entity';
import type { OutgoingMail } from './rendering/invite-email';

/** Builds the message for one delivery from the current state; null when there is nothing to send any more. */
export type Composer = (delivery: Delivery, db: EntityManager) => Promise<OutgoingMail | null>;

/**
 * Each feature registers how its kinds of message are written (meetings: invites; prereads: reminders and packs;
 * minutes: distribution), so the outbox knows nothing of them and dependencies point one way.
 */
@Injectable()
export class Composers {
  private readonly byKind = new Map<string, Composer>();

  register(kinds: readonly string[], composer: Composer): void {
    for (const kind of kinds) this.byKind.set(kind, composer);
  }

  for(kind: string): Composer | undefined {
    return this.byKind.get(kind);
  }
}
