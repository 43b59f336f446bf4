import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

/**
 * Someone who was not invited but receives the professionals' record when it is distributed (an absent GP, the
 * child's health visitor, a named nurse): a professional in the directory (`POST /api/people`, kind PROFESSIONAL).
 * A family member never receives the professionals' record this way: they get the family's copy as an invitee.
 */
export class DistributionRecipientDto {
  @ApiProperty({ format: 'uuid', description: 'A professional in the directory who was not invited' })
  @IsUUID()
  personId: string;

  @ApiPropertyOptional({ description: 'Why they receive it (e.g. "GP, absent: sent a report")' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
