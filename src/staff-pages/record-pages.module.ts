import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { WebModule } from '../web/web.module';
import { MinutesReturns } from '../minutes/minutes-return';
import { MinutesReturnsRepository } from '../minutes/minutes-returns.repository';
import { MinutesModule } from '../minutes/minutes.module';
import { ApprovalsPagesController } from './approvals-pages.controller';
import { AuditPagesController } from './audit-pages.controller';
import { RecordAmendmentsController } from './record-amendments.controller';
import { RecordFormPage } from './record-form-page';
import { RecordGateway } from './record-gateway';
import { RecordPagesController } from './record-pages.controller';
import { RecordPagesRepository } from './record-pages.repository';
import { RecordsWaiting } from './records-waiting';
import { StaffPagesRepository } from './staff-pages.repository';

/** The record in the browser, approvals and the audit page (issue 21), over the minutes services. */
@Module({
  imports: [MeetingsModule, MinutesModule, AccessModule, AuditModule, MeetingTypesModule, WebModule],
  controllers: [RecordPagesController, RecordAmendmentsController, ApprovalsPagesController, AuditPagesController],
  providers: [
    RecordGateway,
    RecordFormPage,
    RecordsWaiting,
    MinutesReturns,
    MinutesReturnsRepository,
    RecordPagesRepository,
    StaffPagesRepository,
  ],
  // The tasks list reads the same rule as /approvals (records-waiting.ts).
  exports: [RecordsWaiting],
})
export class RecordPagesModule {}
