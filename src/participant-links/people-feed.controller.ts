import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ANY_STAFF, BOOKERS, Roles } from '../auth/roles.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { PersonalFeeds } from './personal-feeds';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleFeedController {
  constructor(private readonly feeds: PersonalFeeds) {}

  /** The person's subscribable calendar feed URL (created on first request). */
  @Get(':id/feed')
  @Roles(...ANY_STAFF)
  async feed(@Param('id', UuidPipe) id: string) {
    return { url: await this.feeds.urlFor(id) };
  }

  /** A new feed URL; the old one stops working at once (a leaked or forwarded feed). */
  @Post(':id/feed/rotate')
  @HttpCode(200)
  @Roles(...BOOKERS)
  async rotate(@Param('id', UuidPipe) id: string) {
    return { url: await this.feeds.rotate(id) };
  }
}
