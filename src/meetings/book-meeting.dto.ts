import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_CASES_PER_MEETING, MEETING_TYPES, MeetingType } from '../meeting-types/meeting-types';
import { IsDateOrInstant, ValidateInstant } from '../http/dates';
import { PageQuery } from '../http/list';
import { MEETING_FORMATS, MeetingFormat } from './meeting.entity';
import { IsSingleLine } from '../http/single-line';

export const ROLE = /^[A-Z][A-Z0-9_]{1,39}$/;

export class JoiningDetailsDto {
  @ApiPropertyOptional({ example: 'https://teams.example/l/meetup-join/abc' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'videoUrl must be an https URL' })
  videoUrl?: string | null;

  @ApiPropertyOptional({ example: '+44 20 7946 0000' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,24}$/, { message: 'dialInNumber must be a telephone number' })
  dialInNumber?: string | null;

  @ApiPropertyOptional({ example: '482913' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z#* ]{1,32}$/, { message: 'accessCode must be up to 32 digits or letters' })
  accessCode?: string | null;

  @ApiPropertyOptional({ example: 'Room 4, Civic Centre, High Street' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @IsSingleLine()
  venue?: string | null;
}

export class SessionDto {
  @ApiPropertyOptional({ example: 'Professionals and mother' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @IsSingleLine()
  label?: string | null;

  @ValidateInstant()
  startsAt: string;

  @ValidateInstant({
    optional: true,
    example: '2026-12-03T11:30:00Z',
    description: "Absent: the meeting type's default length after startsAt",
  })
  endsAt?: string;

  @ApiPropertyOptional({ type: JoiningDetailsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => JoiningDetailsDto)
  join?: JoiningDetailsDto;
}

export class AccessNeedsDto {
  @ApiPropertyOptional({ example: 'Polish', description: 'Language an interpreter is needed for' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  interpreterLanguage?: string | null;

  @ApiPropertyOptional({ description: 'Joins by phone only' })
  @IsOptional()
  @IsBoolean()
  phoneOnly?: boolean;

  @ApiPropertyOptional({ description: 'Needs help to join by video' })
  @IsOptional()
  @IsBoolean()
  assistedVideo?: boolean;

  @ApiPropertyOptional({ example: 'Hearing loop in the room' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  notes?: string | null;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({
    example: 'POLICE',
    description: 'What they attend as: POLICE, HEALTH, EDUCATION, PARENT, SOLICITOR, IDVA …',
  })
  @IsString()
  @Matches(ROLE, { message: 'role must be an upper-case code such as POLICE or PARENT' })
  role: string;

  @ApiPropertyOptional({ type: [Number], description: 'Indexes of the sessions attended; absent: all.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(19, { each: true })
  sessions?: number[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  reportRequired?: boolean;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      "For a family member: which of the meeting's cases are their children (absent: all). Their copy of the record names only these.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CASES_PER_MEETING)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds?: string[];

  @ApiPropertyOptional({ type: AccessNeedsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccessNeedsDto)
  accessNeeds?: AccessNeedsDto;
}

export class BookMeetingDto {
  @ApiProperty({ enum: MEETING_TYPES })
  @IsIn(MEETING_TYPES)
  type: MeetingType;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CASES_PER_MEETING)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds: string[];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  chairId: string;

  @ApiProperty({ enum: MEETING_FORMATS })
  @IsIn(MEETING_FORMATS)
  format: MeetingFormat;

  @ApiPropertyOptional({ format: 'uuid', description: 'e.g. the strategy meeting that led to this ICPC' })
  @IsOptional()
  @IsUUID()
  relatedMeetingId?: string | null;

  @ApiProperty({ type: [SessionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SessionDto)
  sessions: SessionDto[];

  @ApiPropertyOptional({ type: [ParticipantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  @ApiPropertyOptional({ default: false, description: 'Book the chair even where it overlaps their other sessions.' })
  @IsOptional()
  @IsBoolean()
  allowOverlap?: boolean;
}

export class RescheduleSessionDto {
  @ValidateInstant({ optional: true })
  startsAt?: string;

  @ValidateInstant({ optional: true, example: '2026-12-03T11:30:00Z' })
  endsAt?: string;

  @ApiPropertyOptional({ type: JoiningDetailsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => JoiningDetailsDto)
  join?: JoiningDetailsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @IsSingleLine()
  label?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  allowOverlap?: boolean;
}

export class AddParticipantDto extends ParticipantDto {}

export class CancelMeetingDto {
  @ApiProperty({ example: 'Family moved out of the area' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class MeetingQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description:
      'A date (YYYY-MM-DD): meetings held on or after that London date. An instant: meetings starting at or after it.',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description:
      'A date (YYYY-MM-DD): meetings held on or before that London date. An instant: meetings starting at or before it.',
  })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ enum: MEETING_TYPES })
  @IsOptional()
  @IsIn(MEETING_TYPES)
  type?: MeetingType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  chairId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: ['SCHEDULED', 'CANCELLED'] })
  @IsOptional()
  @IsIn(['SCHEDULED', 'CANCELLED'])
  status?: 'SCHEDULED' | 'CANCELLED';
}
