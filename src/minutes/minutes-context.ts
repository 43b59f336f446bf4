import { HttpStatus } from '@nestjs/common';
import { Person } from '../directory/person.entity';
import { Problem } from '../http/problem';
import { MeetingTypeRules } from '../meeting-types/meeting-types';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingSession } from '../meetings/meeting-session.entity';
import { Participant } from '../meetings/participant.entity';
import { MinutesDto, MinutesRecord } from './minutes.dto';
import { presentAt } from '../meetings/safety.service';
import { assessQuorum, AttendingAgency, QuorumAssessment } from './quorum';
import { ContentContext } from './record-content';

/** The meeting a record is of, as the record's rules read it. */
export interface MeetingContext {
  meeting: Meeting;
  rules: MeetingTypeRules;
  sessions: MeetingSession[];
  participants: Participant[];
  people: Map<string, Person & { agencyKind: string | null }>;
  caseIds: string[];
  caseKinds: Record<string, string>;
  caseReferences: Record<string, string>;
}

/** Quorum at one timed decision, from the join/leave log. */
export interface DecisionQuorum {
  decision: number;
  decidedAt: string;
  quorate: boolean;
  explanation: string;
}

/** A join or leave of the meeting, as the log has it. */
export type AttendanceEvent = { participantId: string; event: 'JOINED' | 'LEFT'; at: Date };

const RECORD_FIELDS: (keyof MinutesRecord)[] = [
  'sessions',
  'attendance',
  'childParticipation',
  'childParticipationByCase',
  'summary',
  'familySummary',
  'familyNotSharedReason',
  'planConsidered',
  'decisions',
  'decisionsFinal',
  'actions',
  'outcomes',
  'quorum',
  'childViews',
  'familyViews',
  'dissent',
  'plan',
  'lateReason',
  'agenciesMissingReason',
  'referrals',
  'advocacy',
  'consultationForms',
  'disputeResolution',
  'parentsLegallyRepresented',
  'distribution',
];

/** The record's parts of a request body, as plain JSON (what is stored). */
export function pickRecord(dto: Partial<MinutesDto>): MinutesRecord {
  const record: MinutesRecord = {};
  for (const field of RECORD_FIELDS)
    if (dto[field] !== undefined) (record as Record<string, unknown>)[field] = dto[field];
  return JSON.parse(JSON.stringify(record)) as MinutesRecord;
}

/** 403 with the reason a duty check gave. */
export function refuse(problem: string | null): void {
  if (problem) throw new Problem(HttpStatus.FORBIDDEN, problem);
}

/** A cancelled meeting can no longer change (API.md: 409), its record included. */
export function assertNotCancelled(ctx: Pick<MeetingContext, 'meeting'>): void {
  if (ctx.meeting.status === 'CANCELLED')
    throw Problem.conflict('The meeting was cancelled; its record can no longer change');
}

/** May this participant receive the record? MARAC minutes go to agencies only; families get the family version. */
export function mayReceive(
  ctx: Pick<MeetingContext, 'rules' | 'people'>,
  record: MinutesRecord,
  participant: Participant,
): boolean {
  const person = ctx.people.get(participant.personId);
  if (!person) return false;
  if (person.kind === 'PROFESSIONAL') return true;
  return ctx.rules.minutesAudience === 'ALL_PARTICIPANTS' && Boolean(record.familySummary);
}

/** The meeting as the record-content rules (record-content.ts) see it. */
export function contentContext(ctx: MeetingContext): ContentContext {
  return {
    rules: ctx.rules.record,
    label: ctx.rules.label,
    caseIds: ctx.caseIds,
    caseKinds: ctx.caseKinds,
    caseReferences: ctx.caseReferences,
    heldOn: ctx.meeting.heldOn,
    dueBy: ctx.meeting.dueBy,
    withinTimescale: ctx.meeting.withinTimescale,
    participants: ctx.participants.map((p) => {
      const person = ctx.people.get(p.personId);
      return {
        id: p.id,
        personId: p.personId,
        role: p.role,
        isChair: p.isChair,
        family: person?.kind === 'FAMILY',
        agencyKind: person?.agencyKind ?? null,
      };
    }),
  };
}

/** The agency a participant came for, as the quorum counts it. */
function agencyOf(ctx: Pick<MeetingContext, 'people'>, participant: Participant): AttendingAgency {
  const person = ctx.people.get(participant.personId);
  return {
    agencyId: person?.agencyId ?? null,
    kind: person?.agencyKind ?? null,
    role: participant.role,
    isChair: participant.isChair,
  };
}

/** Quorum from the attendance list; null for a type without a quorum rule. */
export function attendanceQuorum(
  ctx: Pick<MeetingContext, 'rules' | 'participants' | 'people'>,
  record: MinutesRecord,
): QuorumAssessment | null {
  if (!ctx.rules.quorum) return null;
  const attended = (record.attendance ?? [])
    .filter((a) => a.status === 'ATTENDED')
    .map((a) => ctx.participants.find((p) => p.id === a.participantId))
    .filter((p): p is Participant => Boolean(p));
  return assessQuorum(
    ctx.rules.quorum,
    attended.map((p) => agencyOf(ctx, p)),
  );
}

/** Quorum recalculated at each timed decision from the join/leave log (people leave; DOMAIN.md §4.3). */
export function decisionQuorums(
  ctx: Pick<MeetingContext, 'rules' | 'participants' | 'people'>,
  record: MinutesRecord,
  log: AttendanceEvent[],
): DecisionQuorum[] {
  const rule = ctx.rules.quorum;
  const timed = (record.decisions ?? [])
    .map((d, i) => ({ decision: i + 1, decidedAt: d.decidedAt }))
    .filter((d): d is { decision: number; decidedAt: string } => Boolean(d.decidedAt));
  // No join/leave log: the attendance list is all there is to judge by.
  if (!rule || timed.length === 0 || log.length === 0) return [];
  return timed.map(({ decision, decidedAt }) => {
    const assessment = assessQuorum(
      rule,
      presentAt(log, new Date(decidedAt))
        .map((id) => ctx.participants.find((p) => p.id === id))
        .filter((p): p is Participant => Boolean(p))
        .map((p) => agencyOf(ctx, p)),
    );
    return { decision, decidedAt, quorate: assessment.quorate, explanation: assessment.explanation };
  });
}
