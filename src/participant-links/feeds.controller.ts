import { UseGuards, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Public } from '../auth/public.decorator';
import { PersonalFeeds } from './personal-feeds';

/** A personal calendar feed that Outlook or Google can subscribe to: `/feeds/:token.ics`. */
@ApiExcludeController()
@Public() // the token in the file name is the subscriber's credential
@UseGuards(ThrottlerGuard)
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: PersonalFeeds) {}

  @Get(':file')
  @Header('Cache-Control', 'no-store')
  async feed(@Param('file') file: string, @Res() response: Response) {
    const token = file.replace(/\.ics$/, '');
    const content = await this.feeds.render(token);
    // Calendar clients poll: with this ETag, express answers a matching If-None-Match with 304 and no body.
    response.setHeader('ETag', `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`);
    response.type('text/calendar; charset=utf-8; method=PUBLISH').send(content);
  }

  /** Whoever holds a feed may ask for a new URL (theirs leaked); the old one stops working at once. */
  @Post(':file/rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async rotate(@Param('file') file: string) {
    const personId = await this.feeds.personFor(file.replace(/\.ics$/, ''));
    return { url: await this.feeds.rotate(personId) };
  }
}
