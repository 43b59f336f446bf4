import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedCondition, SqlCondition } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import { List } from '../http/list';
import { Problem } from '../http/problem';
import { Case } from './case.entity';
import { CaseQuery, CreateCaseDto } from './cases.dto';

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(actor: string, dto: CreateCaseDto): Promise<Case> {
    return this.dataSource.transaction(async (db) => {
      if (await db.existsBy(Case, { reference: dto.reference })) {
        throw Problem.conflict(`A case with reference ${dto.reference} already exists`, [{ field: 'reference', message: 'must be unique' }]);
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
    });
  }

  async one(id: string): Promise<Case> {
    const found = await this.dataSource.getRepository(Case).findOneBy({ id });
    if (!found) throw Problem.notFound('The case');
    return found;
  }

  /** `visible`: the access policy's condition on `c` (parameters from $1): only the cases the caller may see. */
  async list(query: CaseQuery, visible: SqlCondition): Promise<List<Case>> {
    const condition = namedCondition(visible, 1);
    const q = this.dataSource.getRepository(Case).createQueryBuilder('c').where(condition.sql, condition.params);
    if (query.reference) q.andWhere('c.reference = :reference', { reference: query.reference });
    if (query.kind) q.andWhere('c.kind = :kind', { kind: query.kind });
    const [items, total] = await q.orderBy('c.reference', 'ASC').take(query.limit ?? 100).skip(query.offset ?? 0).getManyAndCount();
    return { items, total };
  }
}
