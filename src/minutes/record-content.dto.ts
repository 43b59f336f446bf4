import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../http/dates';
import { MAX_CASES_PER_MEETING } from '../meeting-types/meeting-types';
import {
  AdvocacyDto,
  ConsultationFormDto,
  DisputeResolutionDto,
  MaracReferralDto,
} from './record-content-marac-lac.dto';
import { DistributionRecipientDto } from './record-distribution.dto';

export * from './record-content-marac-lac.dto';

/*
 * The parts of the record issue 22 adds (Working Together 2023, the IRO Handbook): each optional on a draft, required
 * at submission where the meeting type's `record` rules say (src/minutes/record-content.ts).
 */

/** How the child's wishes, feelings and views were obtained. */
export const VIEWS_OBTAINED_BY = [
  'ATTENDED',
  'ADVOCATE',
  'CONSULTATION_FORM',
  'SEEN_BY_CHAIR_BEFORE',
  'SOCIAL_WORKER',
  'OTHER_PROFESSIONAL',
  'NOT_OBTAINED',
] as const;
export type ViewsObtainedBy = (typeof VIEWS_OBTAINED_BY)[number];

export class ChildViewsDto {
  @ApiProperty({ format: 'uuid', description: 'The child (case) whose views these are' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ description: "The child's wishes, feelings and views, in their words where possible" })
  @IsString()
  @Length(1, 10000)
  views: string;

  @ApiProperty({
    enum: VIEWS_OBTAINED_BY,
    isArray: true,
    description:
      'How they were obtained (SEEN_BY_CHAIR_BEFORE: the IRO or chair spoke to the child before the meeting)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsIn(VIEWS_OBTAINED_BY, { each: true })
  obtainedBy: ViewsObtainedBy[];

  @ApiPropertyOptional({ example: '2026-11-20', description: 'When the IRO or chair saw the child before the meeting' })
  @IsOptional()
  @IsCalendarDate()
  seenByChairOn?: string;

  @ApiPropertyOptional({ description: 'Why the views could not be obtained' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  notObtainedReason?: string;

  @ApiPropertyOptional({ default: false, description: "The chair shares this item in the family's copy of the record" })
  @IsOptional()
  @IsBoolean()
  shareWithFamily?: boolean;
}

export class FamilyViewsDto {
  @ApiProperty({ description: "The parents' views" })
  @IsString()
  @Length(1, 10000)
  parents: string;

  @ApiPropertyOptional({ description: "The wider family's and carers' views" })
  @IsOptional()
  @IsString()
  @Length(1, 10000)
  widerFamily?: string;

  @ApiProperty({
    description: 'Whether the parents saw the reports before the meeting (Working Together: shared beforehand)',
  })
  @IsBoolean()
  reportsSharedBeforehand: boolean;

  @ApiPropertyOptional({ description: 'Why they did not (required when reportsSharedBeforehand is false)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reportsNotSharedReason?: string;

  @ApiPropertyOptional({ default: false, description: "The chair shares this item in the family's copy of the record" })
  @IsOptional()
  @IsBoolean()
  shareWithFamily?: boolean;
}

export class DissentDto {
  @ApiProperty({ format: 'uuid', description: 'The agency that dissents' })
  @IsUUID()
  agencyId: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The decision dissented from (1 = the first)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  decision?: number;

  @ApiProperty({ description: 'What the agency disagrees with' })
  @IsString()
  @Length(1, 5000)
  about: string;

  @ApiProperty({ description: 'Why' })
  @IsString()
  @Length(1, 5000)
  reason: string;
}

export class PlanDetailsDto {
  @ApiProperty({ format: 'uuid', description: 'The lead practitioner (normally the allocated social worker)' })
  @IsUUID()
  leadPractitionerPersonId: string;

  @ApiProperty({ type: [String], description: 'The core group members (professionals and family)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @IsUUID('all', { each: true })
  coreGroupPersonIds: string[];

  @ApiProperty({ example: '2026-12-15', description: 'The date the conference set for the first core group' })
  @IsCalendarDate()
  firstCoreGroupOn: string;

  @ApiProperty({ example: '2027-02-25', description: 'The date the conference set for the review conference' })
  @IsCalendarDate()
  reviewConferenceOn: string;

  @ApiPropertyOptional({ default: false, description: "The chair shares this item in the family's copy of the record" })
  @IsOptional()
  @IsBoolean()
  shareWithFamily?: boolean;
}

export class LateReasonDto {
  @ApiProperty({ description: 'Why the meeting was held after its statutory latest date' })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiProperty({ format: 'uuid', description: 'The chair who agreed it' })
  @IsUUID()
  agreedByChairPersonId: string;

  @ApiProperty({ format: 'uuid', description: "The children's social care manager who agreed it" })
  @IsUUID()
  agreedByManagerPersonId: string;
}

/** The issue 22 parts of MinutesDto, mixed in there. */
export class RecordContentDto {
  @ApiPropertyOptional({ type: [ChildViewsDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CASES_PER_MEETING)
  @ValidateNested({ each: true })
  @Type(() => ChildViewsDto)
  childViews?: ChildViewsDto[];

  @ApiPropertyOptional({ type: FamilyViewsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FamilyViewsDto)
  familyViews?: FamilyViewsDto;

  @ApiPropertyOptional({ type: [DissentDto], description: 'Dissent per agency, as data (agency, what, why)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DissentDto)
  dissent?: DissentDto[];

  @ApiPropertyOptional({
    type: PlanDetailsDto,
    description: 'ICPC/RCPC with a plan: lead practitioner, core group, first core group and review dates',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanDetailsDto)
  plan?: PlanDetailsDto;

  @ApiPropertyOptional({ type: LateReasonDto, description: 'Held after dueBy: why, and who agreed it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LateReasonDto)
  lateReason?: LateReasonDto;

  @ApiPropertyOptional({ type: [MaracReferralDto], description: 'MARAC: the referral data for each victim case' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CASES_PER_MEETING)
  @ValidateNested({ each: true })
  @Type(() => MaracReferralDto)
  referrals?: MaracReferralDto[];

  @ApiPropertyOptional({ type: AdvocacyDto, description: 'LAC review: advocacy offered and used' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdvocacyDto)
  advocacy?: AdvocacyDto;

  @ApiPropertyOptional({ type: [ConsultationFormDto], description: 'LAC review: consultation forms sent and returned' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ConsultationFormDto)
  consultationForms?: ConsultationFormDto[];

  @ApiPropertyOptional({
    type: DisputeResolutionDto,
    description: "LAC review: the IRO's dispute-resolution escalation",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeResolutionDto)
  disputeResolution?: DisputeResolutionDto;

  @ApiPropertyOptional({ description: 'PLO: whether the parents had legal representation at the meeting' })
  @IsOptional()
  @IsBoolean()
  parentsLegallyRepresented?: boolean;

  @ApiPropertyOptional({
    description: 'Why an agency the type requires (a strategy discussion: social work, police, health) took no part',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  agenciesMissingReason?: string;

  @ApiPropertyOptional({
    type: [DistributionRecipientDto],
    description: 'Professionals not invited who receive the record when it is distributed (e.g. an absent GP)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DistributionRecipientDto)
  distribution?: DistributionRecipientDto[];
}
