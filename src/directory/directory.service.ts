import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlCondition } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import { List } from '../http/list';
import { Problem } from '../http/problem';
import { Agency } from './agency.entity';
import { AgencyQuery, CreateAgencyDto, CreatePersonDto, PersonQuery, UpdatePersonDto } from './directory.dto';
import { assertIfMatch } from '../http/etag';
import { PeopleRepository } from './people.repository';
import { Person } from './person.entity';

/** Agencies and the people (professionals and family members) who take part in meetings. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly peopleList: PeopleRepository,
  ) {}

  createAgency(actor: string, dto: CreateAgencyDto): Promise<Agency> {
    return this.dataSource.transaction(async (db) => {
      const agency = await db.save(db.create(Agency, dto));
      await this.audit.record(db, { actor, action: 'agency.created', entity: 'agency', entityId: agency.id });
      return agency;
    });
  }

  async agency(id: string): Promise<Agency> {
    const agency = await this.dataSource.getRepository(Agency).findOneBy({ id });
    if (!agency) throw Problem.notFound('The agency');
    return agency;
  }

  async agencies(query: AgencyQuery): Promise<List<Agency>> {
    const [items, total] = await this.dataSource.getRepository(Agency).findAndCount({
      where: query.kind ? { kind: query.kind } : {},
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit ?? 100,
      skip: query.offset ?? 0,
    });
    return { items, total };
  }

  createPerson(actor: string, dto: CreatePersonDto): Promise<Person> {
    return this.dataSource.transaction(async (db) => {
      if (dto.staffRole && dto.kind !== 'PROFESSIONAL')
        throw Problem.badRequest('staffRole', 'only a professional holds a staff role');
      if (dto.agencyId && !(await db.existsBy(Agency, { id: dto.agencyId }))) {
        throw Problem.unprocessable('agencyId', 'no agency has this id');
      }
      const person = await db.save(
        db.create(Person, {
          ...dto,
          email: dto.email ?? null,
          phone: dto.phone ?? null,
          agencyId: dto.agencyId ?? null,
          staffRole: dto.staffRole ?? null,
        }),
      );
      await this.audit.record(db, {
        actor,
        action: 'person.created',
        entity: 'person',
        entityId: person.id,
        personId: person.id,
      });
      // The feed's nonce and token hash, and a staff member's sign-in subject, are never answered (select: false); save() hands back all it wrote.
      delete (person as Partial<Person>).feedNonce;
      delete (person as Partial<Person>).feedTokenHash;
      delete (person as Partial<Person>).staffSubject;
      return person;
    });
  }

  /**
   * PATCH: a new name, email, phone or agency. Invites and records render from the person at send time, so later
   * messages go to the new address. Audited by field name only (an address is personal data).
   */
  updatePerson(
    actor: { id: string; isAdmin: boolean },
    id: string,
    dto: UpdatePersonDto,
    ifMatch?: string,
  ): Promise<Person> {
    return this.dataSource.transaction(async (db) => {
      const person = await db.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw Problem.notFound('The person');
      // A member of staff's address is where their personal links and records go: only they or an administrator change it.
      if (person.staffRole && !actor.isAdmin && actor.id !== id)
        throw new Problem(HttpStatus.FORBIDDEN, 'A member of staff’s details are changed by them or an administrator');
      assertIfMatch(ifMatch, person, 'The person');
      const fields = (Object.keys(dto) as (keyof UpdatePersonDto)[]).filter((f) => dto[f] !== undefined);
      if (fields.length === 0) throw Problem.badRequest('body', 'name at least one field to change');
      if (dto.name === null) throw Problem.badRequest('name', 'a person keeps a name');
      if (dto.agencyId && !(await db.existsBy(Agency, { id: dto.agencyId })))
        throw Problem.unprocessable('agencyId', 'no agency has this id');
      Object.assign(person, Object.fromEntries(fields.map((f) => [f, dto[f]])), { version: person.version + 1 });
      const saved = await db.save(person);
      await this.audit.record(db, {
        actor: actor.id,
        action: 'person.updated',
        entity: 'person',
        entityId: id,
        personId: id,
        changes: { fields },
      });
      return saved;
    });
  }

  async person(id: string): Promise<Person> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id });
    if (!person) throw Problem.notFound('The person');
    return person;
  }

  /** `visible`: the access policy's condition on `p` (parameters from $1): professionals, and the family members the caller may see. */
  async people(query: PersonQuery, visible: SqlCondition): Promise<List<Person>> {
    return this.peopleList.list(query, visible);
  }
}
