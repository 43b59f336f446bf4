import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StaffRole } from './staff-user';

export interface StaffPersonRow {
  id: string;
  name: string;
  email: string | null;
  kind: string;
}

/** The SQL that matches a verified token to its person in the directory (see StaffPeople for the rules). */
@Injectable()
export class StaffPeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person with this id, or else the first professional with this email. */
  async byIdOrProfessionalEmail(
    id: string,
    email: string | null,
    db: EntityManager = this.dataSource.manager,
  ): Promise<StaffPersonRow | null> {
    const [found] = await db.query<StaffPersonRow[]>(
      `SELECT id, name, email, kind FROM people
        WHERE id = $1 OR ($2::text IS NOT NULL AND kind = 'PROFESSIONAL' AND lower(email) = lower($2))
        ORDER BY (id = $1) DESC, created_at, id LIMIT 1`,
      [id, email],
    );
    return found ?? null;
  }

  async bySubject(subject: string, db: EntityManager = this.dataSource.manager): Promise<StaffPersonRow | null> {
    const [bound] = await db.query<StaffPersonRow[]>(
      `SELECT id, name, email, kind FROM people WHERE staff_subject = $1`,
      [subject],
    );
    return bound ?? null;
  }

  /** Binds the first unbound professional with this email to the subject; null when there is none. */
  async bindProfessionalByEmail(
    subject: string,
    email: string,
    now: Date,
    db: EntityManager = this.dataSource.manager,
  ): Promise<StaffPersonRow | null> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [[linked]] = await db.query<[StaffPersonRow[], number]>(
      `UPDATE people SET staff_subject = $1, updated_at = $3
        WHERE id = (SELECT id FROM people WHERE kind = 'PROFESSIONAL' AND staff_subject IS NULL AND lower(email) = lower($2) ORDER BY created_at, id LIMIT 1)
        RETURNING id, name, email, kind`,
      [subject, email, now],
    );
    return linked ?? null;
  }

  /** A new professional, unless one with this id or subject exists already (two first requests at once). */
  async createProfessional(
    person: { id: string | null; name: string; email: string | null; role: StaffRole; subject: string | null },
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO people (id, name, email, kind, staff_role, staff_subject) VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, 'PROFESSIONAL', $4, $5)
       ON CONFLICT DO NOTHING`,
      [person.id, person.name, person.email, person.role, person.subject],
    );
  }

  async byIdOrSubject(
    id: string | null,
    subject: string | null,
    db: EntityManager = this.dataSource.manager,
  ): Promise<StaffPersonRow> {
    const [row] = await db.query<StaffPersonRow[]>(
      `SELECT id, name, email, kind FROM people WHERE ($1::uuid IS NOT NULL AND id = $1) OR ($2::text IS NOT NULL AND staff_subject = $2)`,
      [id, subject],
    );
    return row;
  }
}
