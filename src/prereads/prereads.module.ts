import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingDocument } from './document.entity';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG } from '../config/config.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { MeetingTypesModule } from '../meeting-types/meeting-types.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { TemplatesModule } from '../templates/templates.module';
import { DeadlineSweeper } from './deadline-sweeper';
import { PrereadComposer } from './preread-composer';
import { PrereadsController } from './prereads.controller';
import { PrereadsRepository } from './prereads.repository';
import { PrereadsService } from './prereads.service';
import { uploadLimits } from './upload-limits';

@Module({
  imports: [
    TypeOrmModule.forFeature([MeetingDocument]),
    MeetingsModule,
    AccessModule,
    AuditModule,
    DeliveriesModule,
    MeetingTypesModule,
    TemplatesModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // Multer refuses a larger file with 413 before it is read into memory.
      useFactory: uploadLimits,
    }),
  ],
  controllers: [PrereadsController],
  providers: [PrereadsService, PrereadsRepository, DeadlineSweeper, PrereadComposer],
  exports: [PrereadsService, DeadlineSweeper],
})
export class PrereadsModule {}
