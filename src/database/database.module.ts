import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { MIGRATIONS } from './schema';

/** PostgreSQL through TypeORM; the schema comes from migrations only (run at start, `synchronize` never on). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('databaseUrl must be resolved before the app starts');
        return {
          type: 'postgres' as const,
          url: config.databaseUrl,
          // Each feature registers its entities in its own module (`TypeOrmModule.forFeature`).
          autoLoadEntities: true,
          migrations: MIGRATIONS,
          migrationsRun: true,
          migrationsTransactionMode: 'each' as const,
          synchronize: false,
          namingStrategy: new SnakeNamingStrategy(),
          logging: false,
          // No JIT: it compiled for 25–40 ms on the staff pages' list queries at 1M meetings (bench, issue 24), more
          // than the queries ran; every statement of this app is short or index-driven.
          extra: { max: 20, connectionTimeoutMillis: 5000, application_name: 'quorum', options: '-c jit=off' },
          retryAttempts: 10,
          retryDelay: 1000,
        };
      },
    }),
  ],
})
export class DatabaseModule {}
