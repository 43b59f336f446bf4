import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../http/dates';

/* The MARAC and LAC parts of the record issue 22 adds (SafeLives, the IRO Handbook); see record-content.dto.ts. */

/** Why the case came to MARAC (SafeLives referral criteria). */
export const MARAC_CRITERIA = ['VISIBLE_HIGH_RISK', 'ESCALATION', 'PROFESSIONAL_JUDGEMENT'] as const;

export class MaracReferralDto {
  @ApiProperty({ format: 'uuid', description: "The victim's case" })
  @IsUUID()
  caseId: string;

  @ApiProperty({ format: 'uuid', description: 'The referring agency' })
  @IsUUID()
  referringAgencyId: string;

  @ApiProperty({ enum: MARAC_CRITERIA, description: 'VISIBLE_HIGH_RISK: a DASH score of 14 or more' })
  @IsIn(MARAC_CRITERIA)
  criteria: (typeof MARAC_CRITERIA)[number];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 27,
    description: 'The DASH risk checklist score (required with VISIBLE_HIGH_RISK)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(27)
  dashScore?: number;

  @ApiProperty({ minimum: 0, description: 'Children in the household' })
  @IsInt()
  @Min(0)
  @Max(30)
  childrenInHousehold: number;
}

/** How the child took part, beyond the PN code (LAC reviews: IRO Handbook). */
export const CONSULTED = ['CHILD', 'PARENTS', 'CARERS', 'SCHOOL'] as const;
export const DISPUTE_STAGES = [
  'INFORMAL',
  'TEAM_MANAGER',
  'SERVICE_MANAGER',
  'HEAD_OF_SERVICE',
  'DIRECTOR',
  'CAFCASS',
] as const;

export class ConsultationFormDto {
  @ApiProperty({ enum: CONSULTED })
  @IsIn(CONSULTED)
  from: (typeof CONSULTED)[number];

  @ApiProperty()
  @IsBoolean()
  sent: boolean;

  @ApiProperty()
  @IsBoolean()
  returned: boolean;
}

export class AdvocacyDto {
  @ApiProperty({ description: 'An independent advocate was offered to the child' })
  @IsBoolean()
  offered: boolean;

  @ApiProperty({ description: 'The child used one' })
  @IsBoolean()
  used: boolean;
}

export class DisputeResolutionDto {
  @ApiProperty({
    enum: DISPUTE_STAGES,
    description: "The IRO's escalation stage (local dispute resolution protocol; Cafcass at the last)",
  })
  @IsIn(DISPUTE_STAGES)
  stage: (typeof DISPUTE_STAGES)[number];

  @ApiProperty({ example: '2026-11-26' })
  @IsCalendarDate()
  raisedOn: string;

  @ApiPropertyOptional({ description: 'What came of it, once resolved' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  outcome?: string;
}
