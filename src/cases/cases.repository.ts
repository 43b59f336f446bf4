import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedCondition, SqlCondition } from '../access/access-policy';
import { List } from '../http/list';
import { Case } from './case.entity';
import { CaseQuery } from './cases.dto';

/** Cases, as lists. */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `visible`: the access policy's condition on `c` (parameters from $1); by reference. */
  async list(query: CaseQuery, visible: SqlCondition): Promise<List<Case>> {
    const condition = namedCondition(visible, 1);
    const q = this.dataSource.getRepository(Case).createQueryBuilder('c').where(condition.sql, condition.params);
    if (query.reference) q.andWhere('c.reference = :reference', { reference: query.reference });
    if (query.kind) q.andWhere('c.kind = :kind', { kind: query.kind });
    const [items, total] = await q
      .orderBy('c.reference', 'ASC')
      .take(query.limit ?? 100)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items, total };
  }
}
