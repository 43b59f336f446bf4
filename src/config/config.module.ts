import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** The typed configuration, injected as `APP_CONFIG`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Global, with the clock (src/time) the only other global module: every layer reads the configuration, and its value
 * is given once at start-up (tests pass their own), which a module imported in many places could not be handed.
 */
@Global()
@Module({})
export class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
