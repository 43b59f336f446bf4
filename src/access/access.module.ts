import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { AccessPolicy } from './access-policy';
import { AccessRepository } from './access.repository';
import { MeetingAccessGuard } from './meeting-part.decorator';

/** Who may see and change what: one policy, used by every controller and every list (DESIGN.md "Rooms"). */
@Module({
  imports: [AuditModule, MeetingTypesModule],
  providers: [AccessPolicy, AccessRepository, MeetingAccessGuard],
  exports: [AccessPolicy, MeetingAccessGuard],
})
export class AccessModule {}
