import { Module } from '@nestjs/common';
import { AgenciesController, PeopleController } from './directory.controller';
import { DirectoryService } from './directory.service';

@Module({
  controllers: [AgenciesController, PeopleController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
