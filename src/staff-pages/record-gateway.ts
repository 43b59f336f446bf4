import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { StaffUser } from '../auth/staff-user';
import type { Participant } from '../meetings/participant.entity';
import { fieldErrors, Problem } from '../http/problem';
import { FamilyRecordPage } from '../minutes/family-record-page';
import { AmendMinutesDto, MinutesDto } from '../minutes/minutes.dto';
import { ReportReceipt, reportsReceived } from '../minutes/record-content';
import { amendmentProblem, hasRole } from '../minutes/record-duties';
import { AmendMinutes } from '../minutes/amend-minutes.service';
import { ApproveMinutes } from '../minutes/approve-minutes.service';
import { DistributeMinutes } from '../minutes/distribute-minutes.service';
import { MinutesReader, MinutesView } from '../minutes/minutes-reader';
import { SaveMinutes } from '../minutes/save-minutes.service';
import { SubmitMinutes } from '../minutes/submit-minutes.service';

/**
 * The record pages' one door into the minutes services (issue 21): every call the pages make to src/minutes goes
 * through here, so that when those services are split or renamed only this file follows them. The pages call the
 * services in-process, as the API does, with the same DTO checks the API's validation pipe makes.
 */
@Injectable()
export class RecordGateway {
  constructor(
    private readonly reader: MinutesReader,
    private readonly saving: SaveMinutes,
    private readonly submitting: SubmitMinutes,
    private readonly approving: ApproveMinutes,
    private readonly distributing: DistributeMinutes,
    private readonly amending: AmendMinutes,
    private readonly familyRecord: FamilyRecordPage,
  ) {}

  /** The record, or null when none has been saved yet. */
  async view(meetingId: string): Promise<MinutesView | null> {
    try {
      return await this.reader.view(meetingId);
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) return null;
      throw error;
    }
  }

  async save(user: StaffUser, meetingId: string, record: MinutesDto): Promise<void> {
    await this.saving.save(user, meetingId, await checked(record, MinutesDto));
  }

  async submit(user: StaffUser, meetingId: string): Promise<void> {
    await this.submitting.submit(user, meetingId);
  }

  async approve(user: StaffUser, meetingId: string): Promise<void> {
    await this.approving.approve(user, meetingId);
  }

  async distribute(user: StaffUser, meetingId: string): Promise<void> {
    await this.distributing.distribute(user, meetingId);
  }

  /** A correction to an approved record, with its reason: it goes back for approval (the API's amendments). */
  async amend(user: StaffUser, meetingId: string, amendment: AmendMinutesDto): Promise<void> {
    await this.amending.amend(user, meetingId, await checked(amendment, AmendMinutesDto));
  }

  /** Why this person may not amend a record of a type with these approver roles, or null (the service's rule). */
  amendmentRefused(user: StaffUser, approverRoles: readonly string[]): string | null {
    return amendmentProblem(user, approverRoles);
  }

  /** Whether the person holds one of the approver roles of a type (the service's rule; not who wrote the record). */
  mayApproveType(user: StaffUser, approverRoles: readonly string[]): boolean {
    return hasRole(user, approverRoles);
  }

  /** Each report owed, from the pre-reads: on time, late or not received (the record's own rule). */
  reportsReceived(
    owed: { id: string; role: string }[],
    documents: { participantId: string | null; submittedAt: Date; late: boolean }[],
  ): ReportReceipt[] {
    return reportsReceived(owed, documents);
  }

  /** "This is what the mother will see": the family's copy as that family member would read it. */
  familyPreview(participant: Participant): Promise<string> {
    return this.familyRecord.render(participant);
  }
}

/** What the API's validation pipe would say of this body (the form builds it, but the rules are the DTO's). */
async function checked<T extends MinutesDto>(record: T, as: new () => T): Promise<T> {
  const instance = plainToInstance(as, record);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw Problem.invalid(fieldErrors(errors));
  return instance;
}
