import { Agency } from '../directory/agency.entity';
import { Person } from '../directory/person.entity';
import { Case } from '../cases/case.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { CreateDirectoryAndCases1764000000000 } from './migrations/1764000000000-create-directory-and-cases';

/**
 * Entities and migrations as class references (not globs), so the same list works under ts-jest and node.
 * A new feature adds its entities and its migration here.
 */
export const ENTITIES = [Agency, Person, Case, AuditEvent];
export const MIGRATIONS = [CreateDirectoryAndCases1764000000000];
