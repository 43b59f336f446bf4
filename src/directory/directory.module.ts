import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { AgenciesController, PeopleController } from './directory.controller';
import { DirectoryService } from './directory.service';

@Module({
  imports: [AccessModule, AuditModule],
  controllers: [AgenciesController, PeopleController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
