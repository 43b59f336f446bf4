import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from './agency.entity';
import { Person } from './person.entity';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { AgenciesController, PeopleController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { PeopleRepository } from './people.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Agency, Person]), AccessModule, AuditModule],
  controllers: [AgenciesController, PeopleController],
  providers: [DirectoryService, PeopleRepository],
  exports: [DirectoryService],
})
export class DirectoryModule {}
