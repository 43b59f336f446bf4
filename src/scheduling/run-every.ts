import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../config/app-config';

/**
 * Runs a sweep every `SCHEDULER_INTERVAL_MS` (unless `SCHEDULER_ENABLED=false`), registered with
 * @nestjs/schedule so it stops with the app. A failing pass is logged and the next one tries again.
 */
export function runEvery(
  scheduler: SchedulerRegistry,
  config: AppConfig,
  name: string,
  sweep: () => Promise<unknown>,
): void {
  if (!config.schedulerEnabled) return;
  const logger = new Logger(name);
  const timer = setInterval(() => {
    sweep().catch((error: Error) => logger.error({ err: { message: error.message } }, `${name} failed`));
  }, config.schedulerIntervalMs);
  scheduler.addInterval(name, timer);
}
