import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Outbox } from '../deliveries/outbox';
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

  /**
   * One sweep; returns how many messages it enqueued. One INSERT … SELECT finds and writes every reminder and pack due,
   * behind the sweeper's advisory lock (one sweeper at a time across instances; the unique keys would make a second
   * one harmless anyway).
   */
  async sweep(): Promise<number> {
    const windows = [...this.config.reminderHours]
      .sort((a, b) => b - a)
      .map((hours, i, all) => ({ hours, nextSmaller: all[i + 1] ?? 0 }));
    return this.dataSource.transaction(async (db) => {
      const due = this.repository.dueMessages(this.clock.now(), windows);
      return (await this.outbox.enqueueSelected(db, due, this.repository.sweeperLock)).length;
    });
  }
}
