import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { CreateCaseDto } from '../cases/cases.dto';
import { CasesService } from '../cases/cases.service';
import { fieldErrors, Problem } from '../http/problem';
import { STAFF_ROLE_LABELS } from '../meeting-types/labels';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import { isMeetingType, MeetingType } from '../meeting-types/meeting-types';
import { BookMeetingDto } from '../meetings/book-meeting.dto';
import type { MeetingView } from '../meetings/meeting-view';
import { MeetingsService } from '../meetings/meetings.service';
import { KeepApartRule } from '../meetings/safety.entities';
import { londonTimeRange } from '../templates/london-format';
import { BookingInput, fieldOfApiError } from './booking-form';

/** Thrown to roll a trial booking back once the service has taken it. */
class TrialOnly extends Error {
  constructor(readonly view: MeetingView) {
    super('trial booking rolled back');
  }
}

export type Attempt =
  | { view: MeetingView }
  | { status: number; errors: Record<string, string>; chairClash: boolean; unknownCase?: boolean };

/**
 * The booking page's way into the booking service. A new case is made in the booking's own transaction, so a
 * booking the service refuses leaves no case behind. "Check your answers" books for trial and rolls back: the page
 * shows only a booking the service would take, with the dates it computed and the invitations it would send.
 */
@Injectable()
export class BookingGateway {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly cases: CasesService,
    private readonly rules: MeetingRules,
  ) {}

  async attempt(
    actor: string,
    type: MeetingType,
    booking: BookingInput,
    caseId: string | null,
    trial: boolean,
  ): Promise<Attempt> {
    try {
      const view = await this.dataSource.transaction(async (db) => {
        const id =
          caseId ??
          (
            await this.cases.create(
              actor,
              await checked(CreateCaseDto, {
                reference: booking.caseReference,
                kind: booking.newCase!.kind,
                subjectInitials: booking.newCase!.subjectInitials,
              }),
              db,
            )
          ).id;
        const booked = await this.meetings.book(
          actor,
          await checked(BookMeetingDto, bookingDto(type, booking, id)),
          db,
        );
        if (trial) throw new TrialOnly(booked);
        return booked;
      });
      return { view };
    } catch (error) {
      if (error instanceof TrialOnly) return { view: error.view };
      if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
      return { status: error.getStatus(), ...(await this.formErrors(type, error, booking)) };
    }
  }

  /** The service's refusals, each beside its field and in words (its messages name codes and ids for API clients). */
  private async formErrors(
    type: MeetingType,
    problem: Problem,
    booking: BookingInput,
  ): Promise<{ errors: Record<string, string>; chairClash: boolean }> {
    const rules = this.rules.of(type);
    const errors: Record<string, string> = {};
    let chairClash = false;
    for (const e of problem.errors ?? [{ field: 'case', message: problem.detail }]) {
      if (e.field === 'chairId' && e.message.startsWith('overlaps')) {
        chairClash = true;
        errors.chairId = this.clashInWords(problem.detail);
      } else if (e.field === 'participants' && e.message.includes('keep-apart rule')) {
        Object.assign(errors, await this.keepApartInWords(e.message, booking));
      } else if (e.field === 'chairId' && e.message.includes('is chaired by')) {
        errors.chairId = `A ${lower(rules.label)} is chaired by ${rules.chairRoles.map((r) => lower(STAFF_ROLE_LABELS[r])).join(' or ')}: choose another chair`;
      } else if (e.field.startsWith('caseIds')) {
        errors.case = `A ${lower(rules.label)} is not held about this case`;
      } else if (e.field === 'reference' && e.message === 'must be unique') {
        errors.case = 'A case with this reference already exists: untick “Create a new case” to book for it';
      } else {
        errors[fieldOfApiError(e.field, booking.participants)] ??= sentence(e.message);
      }
    }
    return { errors, chairClash };
  }

  private clashInWords(detail: string): string {
    const clash = /from (\S+) to (\S+) \((\w+) meeting/.exec(detail);
    const other = clash
      ? `a ${lower(isMeetingType(clash[3]) ? this.rules.of(clash[3]).label : 'meeting')} ${londonTimeRange(new Date(clash[1]), new Date(clash[2]))}`
      : 'another meeting at that time';
    return `The chair already has ${other}. Choose another chair or time, or tick “Book anyway”`;
  }

  /** Beside each of the two people's parts: the people by their row on the form, the part by its number. */
  private async keepApartInWords(message: string, booking: BookingInput): Promise<Record<string, string>> {
    const breaches = [...message.matchAll(/keep-apart rule ([0-9a-f-]{36}) would be broken in session (\d+)/g)];
    const rules = await this.dataSource.getRepository(KeepApartRule).findBy({ id: In(breaches.map((b) => b[1])) });
    const errors: Record<string, string> = {};
    const split = booking.parts.length > 1;
    for (const [, ruleId, session] of breaches) {
      const rule = rules.find((r) => r.id === ruleId);
      if (!rule) continue;
      const who = rule.personIds.map((id) =>
        id === booking.chairId
          ? { field: 'chairId', name: 'the chair' }
          : {
              field: `p${booking.participants.find((p) => p.personId === id)?.row ?? 0}-${split ? 'part-0' : 'person'}`,
              name: `person ${(booking.participants.find((p) => p.personId === id)?.row ?? 0) + 1}`,
            },
      );
      const where = split ? `part ${session}` : 'the meeting';
      const text = `${sentence(who[0].name)} and ${who[1].name} must be kept apart: they cannot both attend ${where}`;
      for (const w of who) errors[w.field] ??= split ? `${text}. Choose different parts for them` : text;
    }
    return errors;
  }
}

/** What the API's validation pipe would say of this body (the page builds it, but the rules are the DTO's). */
async function checked<T extends object>(type: new () => T, body: object): Promise<T> {
  const instance = plainToInstance(type, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw Problem.invalid(fieldErrors(errors));
  return instance;
}

function bookingDto(type: MeetingType, booking: BookingInput, caseId: string): object {
  return {
    type,
    caseIds: [caseId],
    chairId: booking.chairId,
    format: booking.format,
    allowOverlap: booking.allowOverlap,
    sessions: booking.parts.map((p) => ({
      ...(p.label ? { label: p.label } : {}),
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
      join: p.join,
    })),
    participants: booking.participants.map((p) => ({
      personId: p.personId,
      role: p.role,
      reportRequired: p.reportRequired,
      sessions: p.parts,
      accessNeeds: {
        ...(p.accessNeeds.interpreterLanguage ? { interpreterLanguage: p.accessNeeds.interpreterLanguage } : {}),
        phoneOnly: p.accessNeeds.phoneOnly,
        assistedVideo: p.accessNeeds.assistedVideo,
        ...(p.accessNeeds.notes ? { notes: p.accessNeeds.notes } : {}),
      },
    })),
  };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
