import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { BankHolidayHorizon } from './bank-holiday-horizon';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly bankHolidays: BankHolidayHorizon,
  ) {}

  /**
   * 200 `{"status":"ok",…}` while the database answers, 503 when it does not. `details.bankHolidays` says how far the
   * shipped bank-holiday list reaches and whether it is due a refresh (that never fails the check).
   */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.bankHolidays.indicator(),
    ]);
  }
}
