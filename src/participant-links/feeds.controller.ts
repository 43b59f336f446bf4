import { UseGuards, Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PersonalFeeds } from './personal-feeds';

/** A personal calendar feed that Outlook or Google can subscribe to: `/feeds/:token.ics`. */
@ApiExcludeController()
@UseGuards(ThrottlerGuard)
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: PersonalFeeds) {}

  @Get(':file')
  @Header('Cache-Control', 'no-store')
  async feed(@Param('file') file: string, @Res() response: Response) {
    const token = file.replace(/\.ics$/, '');
    const content = await this.feeds.render(token);
    response.type('text/calendar; charset=utf-8').send(content);
  }
}
