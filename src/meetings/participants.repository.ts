import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Case } from '../cases/case.entity';
import { UnnestColumn, unnestRows } from '../database/unnest';
import { Person } from '../directory/person.entity';
import type { Meeting } from './meeting.entity';
import { Participant } from './participant.entity';
import { Exclusion, KeepApartRule } from './safety.entities';

/** A meeting's row as `row_to_json` gives it: the columns an invitation needs. */
export interface MeetingJson {
  id: string;
  type: Meeting['type'];
  status: Meeting['status'];
  sequence: number;
  starts_at: string;
  held_on: string;
  pre_read_deadline: string;
}

/** A session's row as `row_to_json` gives it. */
export interface SessionJson {
  id: string;
  meeting_id: string;
  position: number;
  label: string | null;
  starts_at: string;
  ends_at: string;
  video_url: string | null;
  dial_in_number: string | null;
  access_code: string | null;
  venue: string | null;
  ical_uid: string;
  sequence: number;
}

/** One row of the batched load: the participant and their person, the meeting and the session as JSON. */
export interface SubjectRow {
  key_participant: string;
  key_session: string;
  id: string;
  meeting_id: string;
  person_id: string;
  role: string;
  is_chair: boolean;
  session_ids: string[];
  case_ids: string[] | null;
  report_required: boolean;
  link_nonce: string;
  removed_at: Date | null;
  name: string;
  email: string | null;
  kind: Person['kind'];
  meeting: MeetingJson;
  session: SessionJson;
  session_count: number;
}

/** A list of ids as one array literal (see participantsInsert). */
const list = (ids: string[] | null | undefined) => (ids ? `{${ids.join(',')}}` : null);

const PARTICIPANT_COLUMNS: readonly UnnestColumn<Participant>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'person_id', type: 'uuid', value: (r) => r.personId },
  { name: 'role', type: 'text', value: (r) => r.role },
  { name: 'is_chair', type: 'bool', value: (r) => r.isChair },
  { name: 'session_ids', type: 'text', value: (r) => list(r.sessionIds) },
  { name: 'report_required', type: 'bool', value: (r) => r.reportRequired },
  { name: 'interpreter_language', type: 'text', value: (r) => r.interpreterLanguage ?? null },
  { name: 'phone_only', type: 'bool', value: (r) => r.phoneOnly ?? false },
  { name: 'assisted_video', type: 'bool', value: (r) => r.assistedVideo ?? false },
  { name: 'accessibility_notes', type: 'text', value: (r) => r.accessibilityNotes ?? null },
  { name: 'link_nonce', type: 'text', value: (r) => r.linkNonce },
  { name: 'link_token_hash', type: 'text', value: (r) => r.linkTokenHash },
  { name: 'case_ids', type: 'text', value: (r) => (r.caseIds?.length ? list(r.caseIds) : null) },
];

/**
 * Participants as one INSERT with an array per column, its parameters numbered from `first` (the query builder's SQL
 * for 11 rows × 17 columns cost more than the round trip; a booking embeds it in its one write). session_ids and
 * case_ids go as one array literal per row: unnest would flatten a two-dimensional array.
 */
export function participantsInsert(
  meetingId: string,
  linkExpiresAt: Date,
  rows: Participant[],
  first: number,
): { sql: string; params: unknown[] } {
  const u = unnestRows(rows, PARTICIPANT_COLUMNS, first + 2);
  return {
    sql: `INSERT INTO participants (id, meeting_id, person_id, role, is_chair, session_ids, report_required, rsvp, interpreter_language, phone_only,
                                 assisted_video, accessibility_notes, link_nonce, link_token_hash, link_expires_at, case_ids)
       SELECT u.id, $${first}::uuid, u.person_id, u.role, u.is_chair, u.session_ids::uuid[], u.report_required, 'NEEDS_ACTION', u.interpreter_language, u.phone_only,
              u.assisted_video, u.accessibility_notes, u.link_nonce, u.link_token_hash, $${first + 1}::timestamptz, u.case_ids::uuid[]
         FROM ${u.sql}`,
    params: [meetingId, linkExpiresAt, ...u.params],
  };
}

/**
 * The SQL of who takes part in a meeting: participants and their links, the people and cases a booking names, and
 * the keep-apart rules and exclusions that constrain them. Every method takes the caller's EntityManager.
 */
@Injectable()
export class ParticipantsRepository {
  /** Those still taking part, the chair first, then in the order they were added. */
  async active(db: EntityManager, meetingIds: string[]): Promise<Map<string, Participant[]>> {
    const grouped = new Map<string, Participant[]>(meetingIds.map((id) => [id, []]));
    if (meetingIds.length === 0) return grouped;
    const rows = await db.find(Participant, {
      where: { meetingId: In(meetingIds), removedAt: IsNull() },
      order: { isChair: 'DESC', createdAt: 'ASC' },
    });
    for (const row of rows) grouped.get(row.meetingId)?.push(row);
    return grouped;
  }

  async activeOf(db: EntityManager, meetingId: string): Promise<Participant[]> {
    return (await this.active(db, [meetingId])).get(meetingId) ?? [];
  }

  findActive(db: EntityManager, meetingId: string, participantId: string): Promise<Participant | null> {
    return db.findOneBy(Participant, { id: participantId, meetingId, removedAt: IsNull() });
  }

  /** A participant of the meeting, removed or not. */
  find(db: EntityManager, meetingId: string, participantId: string): Promise<Participant | null> {
    return db.findOneBy(Participant, { id: participantId, meetingId });
  }

  /** The nonce is never selected by default: asked for here, since a personal link is derived from it. */
  withLinkNonce(db: EntityManager, meetingId: string, participantId: string): Promise<Participant> {
    return db
      .getRepository(Participant)
      .createQueryBuilder('p')
      .addSelect('p.linkNonce')
      .where('p.id = :participantId AND p.meeting_id = :meetingId', { participantId, meetingId })
      .getOneOrFail();
  }

  isTakingPart(db: EntityManager, meetingId: string, personId: string): Promise<boolean> {
    return db.existsBy(Participant, { meetingId, personId, removedAt: IsNull() });
  }

  save(db: EntityManager, participant: Participant): Promise<Participant> {
    return db.save(participant);
  }

  /** One INSERT (participantsInsert). Sets each row's createdAt and updatedAt as written. */
  async insert(db: EntityManager, meetingId: string, linkExpiresAt: Date, rows: Participant[]): Promise<void> {
    const insert = participantsInsert(meetingId, linkExpiresAt, rows, 1);
    const written: { id: string; created_at: Date; updated_at: Date }[] = await db.query(
      `${insert.sql} RETURNING id, created_at, updated_at`,
      insert.params,
    );
    const stamps = new Map(written.map((w) => [w.id, w]));
    for (const row of rows)
      Object.assign(row, { createdAt: stamps.get(row.id)?.created_at, updatedAt: stamps.get(row.id)?.updated_at });
  }

  /** Everything one calendar message needs, for each (participant, session) pair, in one statement. */
  inviteSubjects(db: EntityManager, participantIds: string[], sessionIds: string[]): Promise<SubjectRow[]> {
    return db.query<SubjectRow[]>(
      `SELECT k.participant_id AS key_participant, k.session_id AS key_session,
              p.id, p.meeting_id, p.person_id, p.role, p.is_chair, p.session_ids, p.case_ids, p.report_required, p.link_nonce,
              p.removed_at, pe.name, pe.email, pe.kind,
              row_to_json(m.*) AS meeting, row_to_json(s.*) AS session,
              (SELECT count(*)::int FROM meeting_sessions x WHERE x.meeting_id = m.id) AS session_count
         FROM unnest($1::uuid[], $2::uuid[]) AS k(participant_id, session_id)
         JOIN participants p ON p.id = k.participant_id
         JOIN people pe ON pe.id = p.person_id
         JOIN meetings m ON m.id = p.meeting_id
         JOIN meeting_sessions s ON s.meeting_id = m.id AND s.id = k.session_id`,
      [participantIds, sessionIds],
    );
  }

  async setLinkExpiry(db: EntityManager, meetingId: string, expiresAt: Date): Promise<void> {
    await db.query(`UPDATE participants SET link_expires_at = $2 WHERE meeting_id = $1`, [meetingId, expiresAt]);
  }

  /** Brings every link of the meeting forward to `latest`, leaving one that ends sooner as it is. */
  async capLinkExpiry(db: EntityManager, meetingId: string, latest: Date): Promise<void> {
    await db.query(`UPDATE participants SET link_expires_at = LEAST(link_expires_at, $2) WHERE meeting_id = $1`, [
      meetingId,
      latest,
    ]);
  }

  /** The stored nonce a participant's personal link is made from. */
  async linkNonce(db: EntityManager, participantId: string): Promise<string | undefined> {
    const [row]: { link_nonce: string }[] = await db.query(`SELECT link_nonce FROM participants WHERE id = $1`, [
      participantId,
    ]);
    return row?.link_nonce;
  }

  async people(db: EntityManager, ids: string[]): Promise<Map<string, Person>> {
    const found = ids.length ? await db.findBy(Person, { id: In([...new Set(ids)]) }) : [];
    return new Map(found.map((p) => [p.id, p]));
  }

  async countPeople(db: EntityManager, ids: string[]): Promise<number> {
    return db.countBy(Person, { id: In(ids) });
  }

  /** Each person's email address (null: none), by person id. */
  async emails(db: EntityManager, personIds: string[]): Promise<Map<string, string | null>> {
    if (personIds.length === 0) return new Map();
    const people = await db.find(Person, { where: { id: In(personIds) }, select: { id: true, email: true } });
    return new Map(people.map((p) => [p.id, p.email]));
  }

  cases(db: EntityManager, ids: string[]): Promise<Case[]> {
    return db.findBy(Case, { id: In(ids) });
  }

  /** The rules on the meeting itself or on any of its cases. */
  keepApartRules(db: EntityManager, meetingId: string, caseIds: string[]): Promise<KeepApartRule[]> {
    return db
      .getRepository(KeepApartRule)
      .createQueryBuilder('r')
      .where('r.meeting_id = :meetingId', { meetingId })
      .orWhere('r.case_id = ANY(:caseIds)', { caseIds })
      .getMany();
  }

  addKeepApartRule(db: EntityManager, rule: Partial<KeepApartRule>): Promise<KeepApartRule> {
    return db.save(db.create(KeepApartRule, rule));
  }

  addExclusion(db: EntityManager, exclusion: Partial<Exclusion>): Promise<Exclusion> {
    return db.save(db.create(Exclusion, exclusion));
  }
}
