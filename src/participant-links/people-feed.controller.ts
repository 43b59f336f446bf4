import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../access/access-policy';
import { ANY_STAFF, BOOKERS, CurrentUser, Roles } from '../auth/roles.decorator';
import { StaffUser } from '../auth/staff-user';
import { UuidPipe } from '../http/uuid.pipe';
import { PersonalFeeds } from './personal-feeds';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleFeedController {
  constructor(
    private readonly feeds: PersonalFeeds,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * The person's subscribable calendar feed URL (created on first request). The URL is the person's key to their
   * calendar: only they and the bookers of their meetings may read it, and each read is audited.
   */
  @Get(':id/feed')
  @Roles(...ANY_STAFF)
  async feed(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    await this.access.feedReader(user, id);
    return { url: await this.feeds.urlFor(id) };
  }

  /**
   * A new feed URL; the old one stops working at once (a leaked or forwarded feed). It answers with the new key, so
   * only those who may read the feed URL may rotate it here: the bookers of the person's meetings (and the person,
   * if a booker; anyone holding the feed may rotate it at `POST /feeds/:token.ics/rotate`).
   */
  @Post(':id/feed/rotate')
  @HttpCode(200)
  @Roles(...BOOKERS)
  async rotate(@CurrentUser() user: StaffUser, @Param('id', UuidPipe) id: string) {
    await this.access.feedReader(user, id);
    return { url: await this.feeds.rotate(id) };
  }
}
