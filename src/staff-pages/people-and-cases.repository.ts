import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlCondition } from '../access/access-policy';

export interface PersonRow {
  id: string;
  name: string;
  kind: 'PROFESSIONAL' | 'FAMILY';
  agency: string | null;
}

export interface CaseRow {
  id: string;
  reference: string;
  kind: 'CHILD' | 'ADULT_VICTIM';
  subjectInitials: string | null;
}

/** At most this many rows a search: a longer list is a sign to search for more of the name. */
export const SEARCH_LIMIT = 50;

/** `%`, `_` and `\` in what was typed are letters, not patterns. */
function like(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The searches of the people and cases pages: by every word of a name, by part of a case reference. Each carries the
 * access policy's condition (its parameters from $1), so a search finds only what the person may see.
 */
@Injectable()
export class PeopleAndCasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async people(search: string, visible: SqlCondition): Promise<{ rows: PersonRow[]; total: number }> {
    const words = search.split(/\s+/).filter(Boolean).slice(0, 5);
    const next = visible.params.length + 1;
    const match = words.map((_, i) => `AND p.name ILIKE $${next + i}`).join(' ');
    const rows: (PersonRow & { total: number })[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.kind, a.name AS agency, count(*) OVER ()::int AS total
         FROM people p LEFT JOIN agencies a ON a.id = p.agency_id
        WHERE ${visible.sql} ${match}
        ORDER BY p.name, p.id LIMIT ${SEARCH_LIMIT}`,
      [...visible.params, ...words.map(like)],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  async cases(search: string, visible: SqlCondition): Promise<{ rows: CaseRow[]; total: number }> {
    const next = visible.params.length + 1;
    const rows: (CaseRow & { total: number })[] = await this.dataSource.query(
      `SELECT c.id, c.reference, c.kind, c.subject_initials AS "subjectInitials", count(*) OVER ()::int AS total
         FROM cases c
        WHERE ${visible.sql} ${search ? `AND c.reference ILIKE $${next}` : ''}
        ORDER BY c.reference LIMIT ${SEARCH_LIMIT}`,
      [...visible.params, ...(search ? [like(search)] : [])],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  agencies(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM agencies ORDER BY name, id`);
  }
}
