import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../http/list';
import { CASE_KINDS, CaseKind } from './case.entity';
import { IsSingleLine } from '../http/single-line';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

export class CreateCaseDto {
  @ApiProperty({ example: 'CR-2026-0142', description: "The case-management system's number; unique." })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, { message: 'reference must be 1–40 letters, digits and / _ . -' })
  reference: string;

  @ApiPropertyOptional({ example: 'A.T.' })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  @IsSingleLine()
  subjectInitials?: string | null;

  @ApiProperty({ enum: CASE_KINDS })
  @IsIn(CASE_KINDS)
  kind: CaseKind;

  @ApiPropertyOptional({ example: '2019-04-02' })
  @IsOptional()
  @Matches(DATE, dateMessage('dateOfBirth'))
  @IsISO8601({ strict: true }, dateMessage('dateOfBirth'))
  dateOfBirth?: string | null;

  @ApiPropertyOptional({
    example: '2026-11-02',
    description: 'Date the child became looked after (LAC review timescales).',
  })
  @IsOptional()
  @Matches(DATE, dateMessage('enteredCareOn'))
  @IsISO8601({ strict: true }, dateMessage('enteredCareOn'))
  enteredCareOn?: string | null;

  @ApiPropertyOptional({
    example: '2026-09-14',
    description: 'Date the child protection plan started (RCPC timescales).',
  })
  @IsOptional()
  @Matches(DATE, dateMessage('cpPlanStartedOn'))
  @IsISO8601({ strict: true }, dateMessage('cpPlanStartedOn'))
  cpPlanStartedOn?: string | null;
}

export class CaseQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  reference?: string;

  @ApiPropertyOptional({ enum: CASE_KINDS })
  @IsOptional()
  @IsIn(CASE_KINDS)
  kind?: CaseKind;
}

const optionalDate = (field: string) => [
  IsOptional(),
  Matches(DATE, dateMessage(field)),
  IsISO8601({ strict: true }, dateMessage(field)),
];
const applyAll =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** PATCH /api/cases/:id: what changes about a child after the case is made; `null` clears a date. */
export class UpdateCaseDto {
  @ApiPropertyOptional({ example: 'A.T.', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  @IsSingleLine()
  subjectInitials?: string | null;

  @ApiPropertyOptional({ example: '2019-04-02', nullable: true })
  @applyAll(optionalDate('dateOfBirth'))
  dateOfBirth?: string | null;

  @ApiPropertyOptional({
    example: '2026-11-02',
    nullable: true,
    description: 'The child became looked after: LAC reviews fall due from it (20 working days, then 3 and 6 months).',
  })
  @applyAll(optionalDate('enteredCareOn'))
  enteredCareOn?: string | null;

  @ApiPropertyOptional({
    example: '2027-03-01',
    nullable: true,
    description: 'The child ceased to be looked after: no more LAC reviews fall due.',
  })
  @applyAll(optionalDate('ceasedLookedAfterOn'))
  ceasedLookedAfterOn?: string | null;

  @ApiPropertyOptional({ example: '2026-09-14', nullable: true })
  @applyAll(optionalDate('cpPlanStartedOn'))
  cpPlanStartedOn?: string | null;

  @ApiPropertyOptional({
    example: '2027-03-14',
    nullable: true,
    description: 'The child protection plan ended: no more review conferences or core groups fall due.',
  })
  @applyAll(optionalDate('cpPlanEndedOn'))
  cpPlanEndedOn?: string | null;

  @ApiPropertyOptional({
    example: '2026-11-16',
    nullable: true,
    description: 'The letter before proceedings was sent: the PLO tracker counts 16 weeks from it.',
  })
  @applyAll(optionalDate('ploLetterOn'))
  ploLetterOn?: string | null;
}
