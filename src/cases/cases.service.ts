import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqlCondition } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import { List } from '../http/list';
import { FieldError, Problem } from '../http/problem';
import { Case } from './case.entity';
import { CaseQuery, CreateCaseDto, UpdateCaseDto } from './cases.dto';
import { CasesRepository } from './cases.repository';
import { assertIfMatch } from '../http/etag';

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cases: CasesRepository,
  ) {}

  /** `within`: the caller's transaction (the booking page makes the case and books its meeting in one). */
  create(actor: string, dto: CreateCaseDto, within?: EntityManager): Promise<Case> {
    const work = async (db: EntityManager) => {
      if (await db.existsBy(Case, { reference: dto.reference })) {
        throw Problem.conflict(`A case with reference ${dto.reference} already exists`, [
          { field: 'reference', message: 'must be unique' },
        ]);
      }
      const created = await db.save(
        db.create(Case, {
          reference: dto.reference,
          kind: dto.kind,
          subjectInitials: dto.subjectInitials ?? null,
          dateOfBirth: dto.dateOfBirth ?? null,
          enteredCareOn: dto.enteredCareOn ?? null,
          cpPlanStartedOn: dto.cpPlanStartedOn ?? null,
        }),
      );
      await this.audit.record(db, { actor, action: 'case.created', entity: 'case', entityId: created.id });
      return created;
    };
    return within ? work(within) : this.dataSource.transaction(work);
  }

  /**
   * PATCH: the dates that start and stop the review cycles, and the initials. Audited by field name (never the values:
   * a date of birth is personal data). A date of ending before its start is refused, naming the field.
   */
  update(
    actor: string,
    id: string,
    dto: UpdateCaseDto,
    ifMatch?: string,
    afterChange?: (db: EntityManager, changed: Case) => Promise<void>,
  ): Promise<Case> {
    return this.dataSource.transaction(async (db) => {
      const found = await db.findOne(Case, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw Problem.notFound('The case');
      assertIfMatch(ifMatch, found, 'The case');
      const fields = (Object.keys(dto) as (keyof UpdateCaseDto)[]).filter((f) => dto[f] !== undefined);
      if (fields.length === 0) throw Problem.badRequest('body', 'name at least one field to change');
      const next = { ...found, ...Object.fromEntries(fields.map((f) => [f, dto[f]])) };
      const errors: FieldError[] = [];
      if (next.ceasedLookedAfterOn && !next.enteredCareOn)
        errors.push({ field: 'ceasedLookedAfterOn', message: 'the child has no date of entering care' });
      if (
        next.ceasedLookedAfterOn &&
        next.enteredCareOn &&
        next.ceasedLookedAfterOn < next.enteredCareOn &&
        fields.includes('ceasedLookedAfterOn')
      ) {
        errors.push({
          field: 'ceasedLookedAfterOn',
          message: `is before the child entered care (${next.enteredCareOn})`,
        });
      }
      if (
        next.cpPlanEndedOn &&
        next.cpPlanStartedOn &&
        next.cpPlanEndedOn < next.cpPlanStartedOn &&
        fields.includes('cpPlanEndedOn')
      ) {
        errors.push({ field: 'cpPlanEndedOn', message: `is before the plan started (${next.cpPlanStartedOn})` });
      }
      if (next.dateOfBirth && next.enteredCareOn && next.enteredCareOn < next.dateOfBirth)
        errors.push({ field: 'enteredCareOn', message: 'is before the date of birth' });
      if (errors.length) throw Problem.invalid(errors);
      Object.assign(found, Object.fromEntries(fields.map((f) => [f, dto[f]])), { version: found.version + 1 });
      const saved = await db.save(found);
      // In the same transaction: what follows from the new dates (the meetings' statutory dates) commits with them.
      await afterChange?.(db, saved);
      await this.audit.record(db, { actor, action: 'case.updated', entity: 'case', entityId: id, changes: { fields } });
      return saved;
    });
  }

  async one(id: string): Promise<Case> {
    const found = await this.dataSource.getRepository(Case).findOneBy({ id });
    if (!found) throw Problem.notFound('The case');
    return found;
  }

  /** `visible`: the access policy's condition on `c` (parameters from $1): only the cases the caller may see. */
  async list(query: CaseQuery, visible: SqlCondition): Promise<List<Case>> {
    return this.cases.list(query, visible);
  }
}
