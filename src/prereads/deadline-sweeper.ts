import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NewDelivery, Outbox } from '../deliveries/outbox';
import { Clock } from '../time/clock';
import { runEvery } from '../scheduling/run-every';
import { PrereadsRepository } from './prereads.repository';

/**
 * Reminders before the pre-read deadline and the pack at it. Everything goes through the outbox with a unique
 * key (participant, window, deadline), so each reminder and pack is enqueued once however many instances sweep,
 * and moving the meeting (a new deadline) arms them again.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    private readonly outbox: Outbox,
    private readonly repository: PrereadsRepository,
  ) {}

  onApplicationBootstrap(): void {
    runEvery(this.scheduler, this.config, 'deadline-sweeper', () => this.sweep());
  }

  /** One sweep; returns how many messages it enqueued. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      // One sweeper at a time across instances; the unique keys would make a second one harmless anyway.
      if (!(await this.repository.trySweeperLock(db))) return 0;
      const now = this.clock.now();
      const due: NewDelivery[] = [];
      const windows = [...this.config.reminderHours].sort((a, b) => b - a);
      for (const [i, hours] of windows.entries()) {
        const nextSmaller = windows[i + 1] ?? 0;
        due.push(...(await this.repository.remindersDue(db, now, hours, nextSmaller)).map(as('REMINDER')));
      }
      due.push(...(await this.repository.packsDue(db, now)).map(as('PACK')));
      await this.outbox.enqueue(db, due);
      return due.length;
    });
  }
}

const as =
  (kind: 'REMINDER' | 'PACK') =>
  (message: Omit<NewDelivery, 'kind'>): NewDelivery => ({ ...message, kind });
