import { Column, Entity } from 'typeorm';
import { Resource } from '../database/timestamps';

export const AGENCY_KINDS = [
  'LOCAL_AUTHORITY',
  'POLICE',
  'HEALTH',
  'EDUCATION',
  'PROBATION',
  'HOUSING',
  'IDVA_SERVICE',
  'LEGAL',
  'VOLUNTARY',
  'OTHER',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

@Entity('agencies')
export class Agency extends Resource {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: AgencyKind;
}
