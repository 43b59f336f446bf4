import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG } from '../config/config.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { DeadlineSweeper } from './deadline-sweeper';
import { PrereadComposer } from './preread-composer';
import { PrereadsController } from './prereads.controller';
import { PrereadsRepository } from './prereads.repository';
import { PrereadsService } from './prereads.service';
import { uploadLimits } from './upload-limits';

@Module({
  imports: [
    MeetingsModule,
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
