import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { PrereadsModule } from '../prereads/prereads.module';
import { MinutesModule } from '../minutes/minutes.module';
import { FeedsController } from './feeds.controller';
import { ParticipantLinksController } from './participant-links.controller';
import { ParticipantLinksService } from './participant-links.service';
import { PersonalFeeds } from './personal-feeds';
import { PeopleFeedController } from './people-feed.controller';

@Module({
  imports: [MeetingsModule, PrereadsModule, MinutesModule],
  controllers: [ParticipantLinksController, FeedsController, PeopleFeedController],
  providers: [ParticipantLinksService, PersonalFeeds],
  exports: [ParticipantLinksService],
})
export class ParticipantLinksModule {}
