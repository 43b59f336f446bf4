import { ApiProperty } from '@nestjs/swagger';
import type { Delivery } from '../deliveries/delivery.entity';
import type { Meeting } from './meeting.entity';
import type { MeetingSession } from './meeting-session.entity';
import type { Participant } from './participant.entity';

/** What the API answers for a meeting: the meeting, its cases, sessions and participants in one document. */
export interface MeetingView {
  id: string;
  type: Meeting['type'];
  status: Meeting['status'];
  format: Meeting['format'];
  chairId: string;
  relatedMeetingId: string | null;
  sequence: number;
  version: number;
  caseIds: string[];
  cases: { id: string; reference: string }[];
  startsAt: Date;
  endsAt: Date;
  heldOn: string;
  preReadDeadline: Date;
  dueBy: string | null;
  dueBasis: string | null;
  withinTimescale: boolean | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  sessions: SessionView[];
  participants: ParticipantView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionView {
  id: string;
  index: number;
  label: string | null;
  startsAt: Date;
  endsAt: Date;
  join: { videoUrl: string | null; dialInNumber: string | null; accessCode: string | null; venue: string | null };
}

export interface ParticipantView {
  id: string;
  personId: string;
  role: string;
  isChair: boolean;
  sessionIds: string[];
  reportRequired: boolean;
  rsvp: Participant['rsvp'];
  rsvpAt: Date | null;
  accessNeeds: { interpreterLanguage: string | null; phoneOnly: boolean; assistedVideo: boolean; notes: string | null };
  /** The latest calendar message per session: how the invite is getting on. */
  deliveries: { sessionId: string | null; kind: string; status: Delivery['status']; attempts: number; sentAt: Date | null; lastError: string | null }[];
}

export function sessionView(session: MeetingSession): SessionView {
  return {
    id: session.id,
    index: session.position,
    label: session.label,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    join: { videoUrl: session.videoUrl, dialInNumber: session.dialInNumber, accessCode: session.accessCode, venue: session.venue },
  };
}

export function meetingView(
  meeting: Meeting,
  cases: { id: string; reference: string }[],
  sessions: MeetingSession[],
  participants: Participant[],
  deliveries: Delivery[],
): MeetingView {
  const latest = new Map<string, Delivery>();
  for (const d of deliveries) {
    const key = `${d.participantId}:${d.sessionId}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt <= d.createdAt) latest.set(key, d);
  }
  return {
    id: meeting.id,
    type: meeting.type,
    status: meeting.status,
    format: meeting.format,
    chairId: meeting.chairId,
    relatedMeetingId: meeting.relatedMeetingId,
    sequence: meeting.sequence,
    version: meeting.version,
    caseIds: cases.map((c) => c.id),
    cases,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    heldOn: meeting.heldOn,
    preReadDeadline: meeting.preReadDeadline,
    dueBy: meeting.dueBy,
    dueBasis: meeting.dueBasis,
    withinTimescale: meeting.withinTimescale,
    cancelledAt: meeting.cancelledAt,
    cancelReason: meeting.cancelReason,
    sessions: [...sessions].sort((a, b) => a.position - b.position).map(sessionView),
    participants: participants.map((p) => ({
      id: p.id,
      personId: p.personId,
      role: p.role,
      isChair: p.isChair,
      sessionIds: p.sessionIds,
      reportRequired: p.reportRequired,
      rsvp: p.rsvp,
      rsvpAt: p.rsvpAt,
      accessNeeds: { interpreterLanguage: p.interpreterLanguage, phoneOnly: p.phoneOnly, assistedVideo: p.assistedVideo, notes: p.accessibilityNotes },
      deliveries: [...latest.values()]
        .filter((d) => d.participantId === p.id)
        .map((d) => ({ sessionId: d.sessionId, kind: d.kind, status: d.status, attempts: d.attempts, sentAt: d.sentAt, lastError: d.lastError })),
    })),
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
}

/** For the OpenAPI document. */
export class MeetingViewDoc {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({ enum: ['SCHEDULED', 'CANCELLED'] }) status: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ format: 'date-time' }) preReadDeadline: string;
  @ApiProperty({ format: 'date', nullable: true }) dueBy: string;
  @ApiProperty({ nullable: true }) withinTimescale: boolean;
}
