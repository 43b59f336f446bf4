import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Writing the audit trail; reading it is `audit-trail`'s. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
