import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { AuditController } from './audit.controller';

/**
 * Reading the audit trail (`GET /api/audit`), filtered by the access policy. Apart from `audit`, which only writes
 * the trail, because the policy itself writes to the trail: audit → access → audit would be a cycle.
 */
@Module({ imports: [AuditModule, AccessModule], controllers: [AuditController] })
export class AuditTrailModule {}
