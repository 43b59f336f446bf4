import { ApiProperty } from '@nestjs/swagger';
import type { Delivery } from '../deliveries/delivery.entity';
import type { Meeting } from './meeting.entity';
import type { MeetingSession } from './meeting-session.entity';
import type { Participant } from './participant.entity';

/*
 * What the API answers for a meeting. Each shape is one class: the TypeScript type the code builds and the schema
 * the OpenAPI document shows.
 */

const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;

export class JoinDetailsView {
  @ApiProperty({ type: String, nullable: true, example: 'https://video.example/meet/1' }) videoUrl: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+44 20 7946 0000' }) dialInNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '482913' }) accessCode: string | null;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in the meeting, from 0 (what participants[].sessions indexes)' }) index: number;
  @ApiProperty({ type: String, nullable: true, example: 'Professionals and mother' }) label: string | null;
  @ApiProperty(DATE_TIME) startsAt: Date;
  @ApiProperty(DATE_TIME) endsAt: Date;
  @ApiProperty({ type: JoinDetailsView }) join: JoinDetailsView;
  @ApiProperty({ description: "This part's iCalendar SEQUENCE (the meeting's `sequence` counts every change)" })
  sequence: number;
  @ApiProperty(DATE_TIME) createdAt: Date;
  @ApiProperty(DATE_TIME) updatedAt: Date;
}

export class AccessNeedsView {
  @ApiProperty({ type: String, nullable: true }) interpreterLanguage: string | null;
  @ApiProperty() phoneOnly: boolean;
  @ApiProperty() assistedVideo: boolean;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

/** The latest calendar message for one session: how the invite is getting on. */
export class InviteDeliveryView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ enum: ['INVITE', 'UPDATE', 'CANCEL', 'UNINVITE'] }) kind: string;
  @ApiProperty({ type: String }) status: Delivery['status'];
  @ApiProperty() attempts: number;
  @ApiProperty(NULLABLE_DATE_TIME) sentAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

/** A text message to the participant (issue 23), with what GOV.UK Notify last said of it. */
export class TextView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ enum: ['SMS_INVITE', 'SMS_UPDATE', 'SMS_CANCEL', 'SMS_UNINVITE', 'SMS_REMINDER'] }) kind: string;
  @ApiProperty({ type: String }) status: Delivery['status'];
  @ApiProperty({ ...DATE_TIME, description: 'Not sent before this (a reminder: a day or an hour before)' })
  notBefore: Date;
  @ApiProperty(NULLABLE_DATE_TIME) sentAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: "GOV.UK Notify's status, read back", example: 'delivered' })
  providerStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

export class ParticipantView {
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
  @ApiProperty({ type: String, enum: ['NEEDS_ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] }) rsvp: Participant['rsvp'];
  @ApiProperty(NULLABLE_DATE_TIME) rsvpAt: Date | null;
  @ApiProperty({ type: AccessNeedsView }) accessNeeds: AccessNeedsView;
  @ApiProperty({ type: [InviteDeliveryView], description: 'The latest calendar message per session' })
  deliveries: InviteDeliveryView[];
  @ApiProperty({ type: [TextView], description: 'Text messages (when texts are on), oldest first' })
  texts: TextView[];
  @ApiProperty(DATE_TIME) createdAt: Date;
  @ApiProperty(DATE_TIME) updatedAt: Date;
}

export class MeetingCaseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
}

/** The meeting, its cases, sessions and participants in one document. */
export class MeetingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, example: 'ICPC' }) type: Meeting['type'];
  @ApiProperty({ type: String, enum: ['SCHEDULED', 'CANCELLED'] }) status: Meeting['status'];
  @ApiProperty({ type: String, enum: ['IN_PERSON', 'VIRTUAL', 'HYBRID'] }) format: Meeting['format'];
  @ApiProperty({ format: 'uuid' }) chairId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) relatedMeetingId: string | null;
  @ApiProperty({ description: 'The iCalendar SEQUENCE; starts at 0' }) sequence: number;
  @ApiProperty({ description: 'Also the ETag, for If-Match' }) version: number;
  @ApiProperty({ type: [String], format: 'uuid' }) caseIds: string[];
  @ApiProperty({ type: [MeetingCaseView] }) cases: MeetingCaseView[];
  @ApiProperty(DATE_TIME) startsAt: Date;
  @ApiProperty(DATE_TIME) endsAt: Date;
  @ApiProperty({ format: 'date', description: 'The London date it is held on' }) heldOn: string;
  @ApiProperty(DATE_TIME) preReadDeadline: Date;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueBy: string | null;
  @ApiProperty({ type: String, nullable: true }) dueBasis: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) withinTimescale: boolean | null;
  @ApiProperty(NULLABLE_DATE_TIME) cancelledAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: [SessionView] }) sessions: SessionView[];
  @ApiProperty({ type: [ParticipantView] }) participants: ParticipantView[];
  @ApiProperty(DATE_TIME) createdAt: Date;
  @ApiProperty(DATE_TIME) updatedAt: Date;
}

export class MeetingList {
  @ApiProperty({ type: [MeetingView] }) items: MeetingView[];
  @ApiProperty() total: number;
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

/** The meeting's entity tag: its version, which every change raises. */
export function meetingEtag(meeting: { version: number }): string {
  return `"${meeting.version}"`;
}
