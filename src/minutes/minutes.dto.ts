import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant } from '../http/dates';
import {
  CHILD_PARTICIPATION_CODES,
  CP_CATEGORIES,
  MAX_CASES_PER_MEETING,
  REVIEW_METHODS,
} from '../meeting-types/meeting-types';
import { RecordContentDto } from './record-content.dto';

// EXCLUDED (issue 22): the chair excluded them from the meeting (or a part): every invitee is accounted for.
export const ATTENDANCE_STATUSES = ['ATTENDED', 'APOLOGIES', 'DID_NOT_ATTEND', 'REPORT_ONLY', 'EXCLUDED'] as const;
export const JOINED_BY = ['IN_PERSON', 'VIDEO', 'PHONE'] as const;

export class SessionMethodDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId: string;

  @ApiProperty({ enum: REVIEW_METHODS, description: 'How that part was held (the method of review)' })
  @IsIn(REVIEW_METHODS)
  method: (typeof REVIEW_METHODS)[number];

  @ApiPropertyOptional({ description: 'Why a remote method was used' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class AttendanceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: (typeof ATTENDANCE_STATUSES)[number];

  @ApiPropertyOptional({ enum: JOINED_BY })
  @IsOptional()
  @IsIn(JOINED_BY)
  joinedBy?: (typeof JOINED_BY)[number];

  @ApiPropertyOptional({ description: 'Why they did not attend' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class ChildParticipationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ enum: CHILD_PARTICIPATION_CODES })
  @IsIn(CHILD_PARTICIPATION_CODES)
  code: (typeof CHILD_PARTICIPATION_CODES)[number];
}

export class DecisionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  text: string;

  @ApiProperty({ description: 'Why: every decision carries its reasons' })
  @IsString()
  @Length(1, 5000)
  rationale: string;

  @ApiPropertyOptional({ description: 'Dissent recorded against the decision' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  dissent?: string;

  @ApiPropertyOptional({
    example: '2026-12-03T11:10:00Z',
    description: 'When it was decided: quorum is judged from the join/leave log at that moment',
  })
  @IsOptional()
  @IsInstant()
  decidedAt?: string;

  @ApiPropertyOptional({ default: false, description: "The chair shares this item in the family's copy of the record" })
  @IsOptional()
  @IsBoolean()
  shareWithFamily?: boolean;
}

export class ActionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  description: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerPersonId: string;

  @ApiProperty({ example: '2026-12-20' })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({ description: 'The need the action addresses' })
  @IsString()
  @Length(1, 2000)
  need: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The case the action is for (MARAC: the victim's case; required there when the MARAC hears more than one)",
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ default: false, description: "The chair shares this item in the family's copy of the record" })
  @IsOptional()
  @IsBoolean()
  shareWithFamily?: boolean;
}

export class OutcomeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ example: 'CP_PLAN' })
  @IsString()
  @Length(1, 60)
  outcome: string;

  @ApiPropertyOptional({ enum: CP_CATEGORIES })
  @IsOptional()
  @IsIn(CP_CATEGORIES)
  category?: (typeof CP_CATEGORIES)[number];

  @ApiPropertyOptional({ description: 'Recommendations (LAC) or agency actions (MARAC) in words' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  notes?: string;

  @ApiPropertyOptional({ default: false, description: "The chair shares this item in the family's copy of the record" })
  @IsOptional()
  @IsBoolean()
  shareWithFamily?: boolean;
}

export class QuorumDto {
  @ApiPropertyOptional({ description: "The chair's reason to proceed when the meeting was not quorate" })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reasonToProceed?: string;
}

/** The draft record (API.md "Minutes"); every part optional until it is submitted. */
export class MinutesDto extends RecordContentDto {
  @ApiPropertyOptional({ type: [SessionMethodDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SessionMethodDto)
  sessions?: SessionMethodDto[];

  @ApiPropertyOptional({ type: [AttendanceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto[];

  @ApiPropertyOptional({
    enum: CHILD_PARTICIPATION_CODES,
    description: 'SSDA903 code; LAC reviews only. Applies to every child unless given per child.',
  })
  @IsOptional()
  @IsIn(CHILD_PARTICIPATION_CODES)
  childParticipation?: (typeof CHILD_PARTICIPATION_CODES)[number];

  @ApiPropertyOptional({ type: [ChildParticipationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CASES_PER_MEETING)
  @ValidateNested({ each: true })
  @Type(() => ChildParticipationDto)
  childParticipationByCase?: ChildParticipationDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  summary?: string;

  @ApiPropertyOptional({ description: 'The version parents receive, where the chair marks one' })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  familySummary?: string;

  @ApiPropertyOptional({
    description:
      'Why the family is not sent the record, where the chair writes no family summary (a submitted record needs one or the other)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  familyNotSharedReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  planConsidered?: boolean;

  @ApiPropertyOptional({ type: [DecisionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DecisionDto)
  decisions?: DecisionDto[];

  @ApiPropertyOptional({
    description:
      'The decisions section is final and made known (e.g. the decision letter sent): records decisionsSharedAt the first time',
  })
  @IsOptional()
  @IsBoolean()
  decisionsFinal?: boolean;

  @ApiPropertyOptional({ type: [ActionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ActionDto)
  actions?: ActionDto[];

  @ApiPropertyOptional({ type: [OutcomeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CASES_PER_MEETING)
  @ValidateNested({ each: true })
  @Type(() => OutcomeDto)
  outcomes?: OutcomeDto[];

  @ApiPropertyOptional({ type: QuorumDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuorumDto)
  quorum?: QuorumDto;
}

export type MinutesRecord = Omit<MinutesDto, never>;

export class MinuteTakerDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'The professional who writes the record with the chair; null: nobody',
  })
  @IsUUID()
  @ValidateIf((_o, value) => value !== null)
  personId: string | null;
}

export class AmendMinutesDto extends MinutesDto {
  @ApiProperty({ description: 'Why the approved record is corrected' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
