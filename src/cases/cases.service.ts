import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere } from 'typeorm';
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

  async list(query: CaseQuery): Promise<List<Case>> {
    const where: FindOptionsWhere<Case> = {};
    if (query.reference) where.reference = query.reference;
    if (query.kind) where.kind = query.kind;
    const [items, total] = await this.dataSource.getRepository(Case).findAndCount({
      where,
      order: { reference: 'ASC' },
      take: query.limit ?? 100,
      skip: query.offset ?? 0,
    });
    return { items, total };
  }
}
