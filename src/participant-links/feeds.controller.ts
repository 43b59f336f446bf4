import { UseGuards, Controller, Get, Header, Param, Res } from '@nestjs/common';
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
    response.type('text/calendar; charset=utf-8').send(content);
  }
}
