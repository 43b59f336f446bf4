import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { ValidateInstant } from '../http/dates';

/* The bodies of the safety requests: keep-apart rules, exclusions and the attendance log. */

export class KeepApartDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The two people who must never be in the same session' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  personIds: string[];

  @ApiPropertyOptional({ description: 'For staff only' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class ExclusionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId: string;

  @ApiProperty({ example: 'Discussion of police intelligence' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class AttendanceLogDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ enum: ['JOINED', 'LEFT'] })
  @IsIn(['JOINED', 'LEFT'])
  event: 'JOINED' | 'LEFT';

  @ValidateInstant({ example: '2026-12-03T10:02:00Z' })
  at: string;

  @ApiPropertyOptional({ enum: ['IN_PERSON', 'VIDEO', 'PHONE'] })
  @IsOptional()
  @IsIn(['IN_PERSON', 'VIDEO', 'PHONE'])
  via?: 'IN_PERSON' | 'VIDEO' | 'PHONE';
}
