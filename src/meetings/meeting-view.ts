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
  /** This part's iCalendar SEQUENCE: what its latest invite, update or cancellation carried. */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
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
  deliveries: {
    sessionId: string | null;
    kind: string;
    status: Delivery['status'];
    attempts: number;
    sentAt: Date | null;
    lastError: string | null;
  }[];
  /** Texts (issue 23), oldest first: each with what Notify last said of it (`delivered`, `permanent-failure` …). */
  texts?: TextView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface TextView {
  sessionId: string | null;
  kind: string;
  status: Delivery['status'];
  notBefore: Date;
  sentAt: Date | null;
  providerStatus: string | null;
  lastError: string | null;
}

export function sessionView(session: MeetingSession): SessionView {
  return {
    id: session.id,
    index: session.position,
    label: session.label,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    join: {
      videoUrl: session.videoUrl,
      dialInNumber: session.dialInNumber,
      accessCode: session.accessCode,
      venue: session.venue,
    },
    sequence: session.sequence,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
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
    if (d.channel === 'sms') continue;
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
      caseIds: p.caseIds ?? null,
      rsvp: p.rsvp,
      rsvpAt: p.rsvpAt,
      accessNeeds: {
        interpreterLanguage: p.interpreterLanguage,
        phoneOnly: p.phoneOnly,
        assistedVideo: p.assistedVideo,
        notes: p.accessibilityNotes,
      },
      deliveries: [...latest.values()]
        .filter((d) => d.participantId === p.id)
        .map((d) => ({
          sessionId: d.sessionId,
          kind: d.kind,
          status: d.status,
          attempts: d.attempts,
          sentAt: d.sentAt,
          lastError: d.lastError,
        })),
      texts: deliveries
        .filter((d) => d.channel === 'sms' && d.participantId === p.id && d.status !== 'SUPERSEDED')
        .map((d) => ({
          sessionId: d.sessionId,
          kind: d.kind,
          status: d.status,
          notBefore: d.nextAttemptAt,
          sentAt: d.sentAt,
          providerStatus: d.providerStatus,
          lastError: d.lastError,
        })),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
}

// ——— for the OpenAPI document: the same shapes as MeetingView, field by field ———

export class JoinDetailsDoc {
  @ApiProperty({ type: String, nullable: true, example: 'https://video.example/meet/1' }) videoUrl: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+44 20 7946 0000' }) dialInNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '482913' }) accessCode: string | null;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
}

export class SessionViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in the meeting, from 0 (what participants[].sessions indexes)' }) index: number;
  @ApiProperty({ type: String, nullable: true, example: 'Professionals and mother' }) label: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: JoinDetailsDoc }) join: JoinDetailsDoc;
  @ApiProperty({ description: "This part's iCalendar SEQUENCE (the meeting's `sequence` counts every change)" })
  sequence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AccessNeedsDoc {
  @ApiProperty({ type: String, nullable: true }) interpreterLanguage: string | null;
  @ApiProperty() phoneOnly: boolean;
  @ApiProperty() assistedVideo: boolean;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

export class InviteDeliveryDoc {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ enum: ['INVITE', 'UPDATE', 'CANCEL', 'UNINVITE'] }) kind: string;
  @ApiProperty() status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

export class TextViewDoc {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ enum: ['SMS_INVITE', 'SMS_UPDATE', 'SMS_CANCEL', 'SMS_UNINVITE', 'SMS_REMINDER'] }) kind: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time', description: 'Not sent before this (a reminder: a day or an hour before)' })
  notBefore: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "GOV.UK Notify's status, read back", example: 'delivered' })
  providerStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

export class ParticipantViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'POLICE' }) role: string;
  @ApiProperty() isChair: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The sessions this person attends' })
  sessionIds: string[];
  @ApiProperty() reportRequired: boolean;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: "A family member's own children among the meeting's cases (null: all)",
  })
  caseIds: string[] | null;
  @ApiProperty({ enum: ['NEEDS_ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] }) rsvp: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rsvpAt: string | null;
  @ApiProperty({ type: AccessNeedsDoc }) accessNeeds: AccessNeedsDoc;
  @ApiProperty({ type: [InviteDeliveryDoc], description: 'The latest calendar message per session' })
  deliveries: InviteDeliveryDoc[];
  @ApiProperty({ type: [TextViewDoc], description: 'Text messages (when texts are on), oldest first' })
  texts: TextViewDoc[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingCaseDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
}

export class MeetingViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ICPC' }) type: string;
  @ApiProperty({ enum: ['SCHEDULED', 'CANCELLED'] }) status: string;
  @ApiProperty({ enum: ['IN_PERSON', 'VIRTUAL', 'HYBRID'] }) format: string;
  @ApiProperty({ format: 'uuid' }) chairId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) relatedMeetingId: string | null;
  @ApiProperty({ description: 'The iCalendar SEQUENCE; starts at 0' }) sequence: number;
  @ApiProperty({ description: 'Also the ETag, for If-Match' }) version: number;
  @ApiProperty({ type: [String], format: 'uuid' }) caseIds: string[];
  @ApiProperty({ type: [MeetingCaseDoc] }) cases: MeetingCaseDoc[];
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'date', description: 'The London date it is held on' }) heldOn: string;
  @ApiProperty({ format: 'date-time' }) preReadDeadline: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueBy: string | null;
  @ApiProperty({ type: String, nullable: true }) dueBasis: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) withinTimescale: boolean | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: [SessionViewDoc] }) sessions: SessionViewDoc[];
  @ApiProperty({ type: [ParticipantViewDoc] }) participants: ParticipantViewDoc[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingListDoc {
  @ApiProperty({ type: [MeetingViewDoc] }) items: MeetingViewDoc[];
  @ApiProperty() total: number;
}
