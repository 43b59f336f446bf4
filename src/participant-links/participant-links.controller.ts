import {
  UseGuards,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { FileInterceptor } from '@nestjs/platform-express';
import { IsOptional, IsString, Length } from 'class-validator';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { RSVP_STATUSES, Rsvp } from '../meetings/participant.entity';
import { TemplateRenderer } from '../templates/template-renderer';
import { requireFile, UploadedPart } from '../prereads/uploaded-file';
import { PrereadsService } from '../prereads/prereads.service';
import { sendDocument } from '../prereads/send-document';
import { Problem } from '../http/problem';
import { Public } from '../auth/public.decorator';
import { AcceptsBody } from '../http/body-types';
import { MinutesReader } from '../minutes/minutes-reader';
import { MinutesRecordPage } from '../minutes/minutes-record-page';
import { FamilyRecordPage } from '../minutes/family-record-page';
import { ParticipantLinksService } from './participant-links.service';
import { LinkUploadGuard } from './link-upload.guard';
import { helpRequestsOf } from './help-requests.repository';
import { HelpPages } from './help-pages';
import { personalPageModel } from './personal-page-model';
import { UploadBodyGuard } from '../prereads/upload-body.guard';
import { IsSingleLine } from '../http/single-line';

export class RsvpDto {
  @IsIn(RSVP_STATUSES.filter((s) => s !== 'NEEDS_ACTION'))
  response: Exclude<Rsvp, 'NEEDS_ACTION'>;
}

export class ParticipantUploadDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsSingleLine()
  title?: string;
}

/** The personal link `/p/:token`: a server-rendered page for one participant alone. */
@ApiExcludeController()
@Public() // the token in the path is the participant's credential
@AcceptsBody('json', 'form', 'multipart')
@UseGuards(ThrottlerGuard)
@Controller('p')
export class ParticipantLinksController {
  constructor(
    private readonly links: ParticipantLinksService,
    private readonly renderer: TemplateRenderer,
    private readonly prereads: PrereadsService,
    private readonly minutes: MinutesReader,
    private readonly recordPage: MinutesRecordPage,
    private readonly familyRecordPage: FamilyRecordPage,
  ) {
    this.help = new HelpPages(links, renderer);
  }

  private readonly help: HelpPages;

  /** The distributed record: in full for professionals; for family members their own copy, built from an allow-list. */
  @Get(':token/minutes')
  @Header('Cache-Control', 'no-store')
  async minutesRecord(@Param('token') token: string, @Res() response: Response) {
    const participant = await this.links.participantFor(token);
    const record = await this.minutes.view(participant.meetingId).catch(() => null);
    if (!record || record.status !== 'DISTRIBUTED') throw Problem.notFound('The record');
    const ctx = await this.minutes.context(this.links.manager, participant.meetingId);
    if (!this.minutes.mayReceive(ctx, record.record, participant)) throw Problem.notFound('The record');
    const family = ctx.people.get(participant.personId)?.kind === 'FAMILY';
    response
      .type('html')
      .send(
        family ? await this.familyRecordPage.render(participant) : await this.recordPage.render(participant.meetingId),
      );
  }

  @Get(':token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@Param('token') token: string, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const page = await this.links.page(token);
    const documents = await this.prereads.visibleTo(page.participant);
    const help = await helpRequestsOf(this.links.manager, page.participant.id);
    const model = personalPageModel(token, page, documents, help, query);
    response.type('html').send(this.help.render('participant', `Your meeting – ${page.typeLabel}`, model));
  }

  /** A participant sends their report through their own page; it is theirs, shared with professionals. */
  @Post(':token/documents')
  @HttpCode(303)
  @UseGuards(UploadBodyGuard, LinkUploadGuard)
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @Param('token') token: string,
    @Body() dto: ParticipantUploadDto,
    @UploadedFile() file: UploadedPart | undefined,
    @Res() response: Response,
  ) {
    const participant = await this.links.participantFor(token);
    const part = requireFile(file);
    const document = await this.prereads.upload(`participant:${participant.id}`, participant.meetingId, {
      // The file's name may carry line breaks (%0A in a form's filename): as a title it is one line.
      title:
        dto.title ??
        (part.originalname
          .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
          .trim()
          .slice(0, 200) ||
          'Report'),
      audience: 'PROFESSIONALS',
      participantId: participant.id,
      fileName: part.originalname,
      content: part.buffer,
    });
    if (response.req.accepts(['html', 'json']) === 'json') return response.status(201).json(document);
    response.redirect(303, `/p/${encodeURIComponent(token)}?sent=1`);
  }

  /** A pre-read the participant may see (family members never see PROFESSIONALS documents). */
  @Get(':token/documents/:documentId')
  @Header('Cache-Control', 'no-store')
  async document(@Param('token') token: string, @Param('documentId') documentId: string, @Res() response: Response) {
    const participant = await this.links.participantFor(token);
    const visible = await this.prereads.visibleTo(participant);
    if (!visible.some((d) => d.id === documentId)) throw Problem.notFound('The document');
    const document = await this.prereads.content(participant.meetingId, documentId);
    sendDocument(response, document);
  }

  /** RSVP from the page's buttons (a form post) or as JSON. */
  @Post(':token/rsvp')
  @HttpCode(303)
  async rsvp(@Param('token') token: string, @Body() dto: RsvpDto, @Res() response: Response) {
    await this.links.respond(token, dto.response);
    if (response.req.is('application/json')) return response.status(200).json({ rsvp: dto.response });
    response.redirect(303, `/p/${encodeURIComponent(token)}?replied=1`);
  }

  /**
   * "Send me texts" (`texts=on|off` from the page's button, or JSON `{ "texts": true|false }`). No CSRF token, as for
   * the RSVP: the secret token in the path is the credential, and another site cannot know it.
   */
  @Post(':token/texts')
  @HttpCode(303)
  async texts(@Param('token') token: string, @Body() body: Record<string, unknown>, @Res() response: Response) {
    await this.links.participantFor(token); // an unknown link is a 404 before the body is looked at
    const value = body?.texts;
    const on = value === true || value === 'on' ? true : value === false || value === 'off' ? false : null;
    if (on === null) throw Problem.invalid([{ field: 'texts', message: 'texts must be on or off (true or false)' }]);
    await this.links.chooseTexts(token, on);
    if (response.req.is('application/json')) return response.status(200).json({ prefersTexts: on });
    response.redirect(303, `/p/${encodeURIComponent(token)}?texts=${on ? 'on' : 'off'}#texts`);
  }

  /** "I need help to take part": the form, then what it sent (no CSRF token: the token in the path is the credential). */
  @Get(':token/help')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async helpForm(@Param('token') token: string, @Res() response: Response) {
    response.type('html').send(await this.help.form(token));
  }

  @Post(':token/help')
  @Header('Cache-Control', 'no-store')
  async askForHelp(@Param('token') token: string, @Body() body: Record<string, unknown>, @Res() response: Response) {
    await this.help.send(token, body, response);
  }

  @Get(':token/help/sent')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async helpSent(@Param('token') token: string, @Res() response: Response) {
    response.type('html').send(await this.help.sent(token));
  }
}
