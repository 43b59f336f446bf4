import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/**
 * The one clock (DESIGN.md: business time comes only from it). Global, like the configuration, because nearly every
 * module reads the time and the instance is chosen at start-up (tests hand in a clock they can move): a global
 * module is how Nest shares one value given at run time without every importer registering its own copy.
 */
@Global()
@Module({})
export class TimeModule {
  static register(clock: Clock = new SystemClock()): DynamicModule {
    return { module: TimeModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
