import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedCondition, SqlCondition } from '../access/access-policy';
import { List } from '../http/list';
import { PersonQuery } from './directory.dto';
import { Person } from './person.entity';

/** The directory's people, as lists. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `visible`: the access policy's condition on `p` (parameters from $1); oldest first. */
  async list(query: PersonQuery, visible: SqlCondition): Promise<List<Person>> {
    const condition = namedCondition(visible, 1);
    const q = this.dataSource.getRepository(Person).createQueryBuilder('p').where(condition.sql, condition.params);
    if (query.kind) q.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.agencyId) q.andWhere('p.agency_id = :agencyId', { agencyId: query.agencyId });
    const [items, total] = await q
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(query.limit ?? 100)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items, total };
  }
}
