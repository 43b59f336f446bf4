import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { ANY_STAFF, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { CasesService } from '../cases/cases.service';
import { UuidPipe } from '../http/uuid.pipe';
import { Timescales } from './timescales';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CaseTimescalesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly timescales: Timescales,
    private readonly access: AccessPolicy,
  ) {}

  /** What is due next for a case and by when, from its history in Quorum and its dates. */
  @Get(':id/next-due')
  @Roles(...ANY_STAFF)
  async nextDue(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    await this.access.caseVisible(user, id);
    const subject = await this.cases.one(id);
    const items = await this.timescales.nextDueFor(this.dataSource.manager, subject.id);
    return { caseId: subject.id, reference: subject.reference, items, total: items.length };
  }
}
