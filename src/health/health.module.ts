import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BankHolidayHorizon } from './bank-holiday-horizon';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [BankHolidayHorizon],
})
export class HealthModule {}
