import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../auth/staff-user';
import { PageQuery } from '../http/list';
import { AGENCY_KINDS, AgencyKind } from './agency.entity';
import { PERSON_KINDS, PersonKind } from './person.entity';
import { IsSingleLine } from '../http/single-line';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Northshire Police' })
  @IsString()
  @Length(1, 200)
  @IsSingleLine()
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS)
  kind: AgencyKind;
}

export class AgencyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'DC Sam Patel' })
  @IsString()
  @Length(1, 200)
  @IsSingleLine()
  name: string;

  @ApiPropertyOptional({ example: 'sam.patel@police.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @IsSingleLine()
  email?: string | null;

  @ApiPropertyOptional({ example: '+44 7700 900123' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string | null;

  @ApiPropertyOptional({ description: 'Send invites and reminders by text as well (needs a phone; texts must be on)' })
  // null is refused, not stored: the column is a plain yes or no.
  @ValidateIf((o: { prefersTexts?: unknown }) => o.prefersTexts !== undefined)
  @IsBoolean()
  prefersTexts?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string | null;

  @ApiProperty({ enum: PERSON_KINDS })
  @IsIn(PERSON_KINDS)
  kind: PersonKind;

  @ApiPropertyOptional({
    enum: STAFF_ROLES,
    description:
      'For the council’s own staff: the role they hold, checked against who may chair each meeting type (an IRO chairs LAC reviews)',
  })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  staffRole?: StaffRole | null;
}

export class PersonQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PERSON_KINDS })
  @IsOptional()
  @IsIn(PERSON_KINDS)
  kind?: PersonKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** PATCH /api/people/:id: a new name, email or phone (later invites go there); `null` clears email or phone. */
export class UpdatePersonDto {
  @ApiPropertyOptional({ example: 'DC Sam Patel' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsSingleLine()
  name?: string;

  @ApiPropertyOptional({ example: 'new.address@family.example', nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @IsSingleLine()
  email?: string | null;

  @ApiPropertyOptional({ example: '+44 7700 900123', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string | null;

  @ApiPropertyOptional({ description: 'Send invites and reminders by text as well (needs a phone; texts must be on)' })
  // null is refused, not stored: the column is a plain yes or no.
  @ValidateIf((o: { prefersTexts?: unknown }) => o.prefersTexts !== undefined)
  @IsBoolean()
  prefersTexts?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  agencyId?: string | null;
}
