import { DateTime } from 'luxon';
import {
  DELIVERY_STATUS_LABELS,
  FORMAT_LABELS,
  participantRoleLabel,
  RSVP_LABELS,
  STATUS_LABELS,
} from '../meeting-types/labels';
import type { MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';
import type { MeetingView } from '../meetings/meeting-view';
import { londonDate, londonDateTime, londonTime, londonTimeRange } from '../templates/london-format';
import type { DocumentRow, PersonName } from './staff-pages.repository';

/** What the coordinator must act on: given up after the last try, or returned by the recipient's server (a bounce). */
const NOT_DELIVERED: readonly string[] = ['FAILED', 'BOUNCED'];

/**
 * What the staff pages show, made from the API's meeting view: pure functions, so every code becomes words and
 * every instant London time in one place, tested without a browser or a database.
 */

type Rules = Readonly<Record<MeetingType, MeetingTypeRules>>;
const ZONE = 'Europe/London';

export interface MeetingRow {
  href: string;
  typeLabel: string;
  when: string;
  time: string;
  caseReferences: string;
  statusLabel: string;
  cancelled: boolean;
  formatLabel: string;
  chairName: string;
  londonDay: string;
}

export function meetingRow(view: MeetingView, rules: Rules, names: Map<string, PersonName>): MeetingRow {
  return {
    href: `/meetings/${view.id}`,
    typeLabel: rules[view.type].label,
    when: londonTimeRange(view.startsAt, view.endsAt),
    time: `${londonTime(view.startsAt)} to ${londonTime(view.endsAt)}`,
    caseReferences: view.cases.map((c) => c.reference).join(', '),
    statusLabel: STATUS_LABELS[view.status],
    cancelled: view.status === 'CANCELLED',
    formatLabel: FORMAT_LABELS[view.format],
    chairName: names.get(view.chairId)?.name ?? 'Unknown',
    londonDay: DateTime.fromJSDate(view.startsAt, { zone: ZONE }).toISODate()!,
  };
}

export interface DaySection {
  heading: string;
  days: { heading: string; meetings: MeetingRow[] }[];
}

/** Today, the rest of this week, and next week (Monday to Sunday, London), each by day; empty parts left out. */
export function yourWeeks(rows: MeetingRow[], now: Date): DaySection[] {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const nextMonday = today.startOf('week').plus({ weeks: 1 });
  const sections: { heading: string; from: DateTime; to: DateTime }[] = [
    { heading: 'Today', from: today, to: today.plus({ days: 1 }) },
    { heading: 'Later this week', from: today.plus({ days: 1 }), to: nextMonday },
    { heading: 'Next week', from: nextMonday, to: nextMonday.plus({ weeks: 1 }) },
  ];
  return sections.map((section) => {
    const inSection = rows.filter(
      (r) => r.londonDay >= section.from.toISODate()! && r.londonDay < section.to.toISODate()!,
    );
    const days = [...new Set(inSection.map((r) => r.londonDay))].map((day) => ({
      heading: londonDate(day),
      meetings: inSection.filter((r) => r.londonDay === day),
    }));
    return { heading: section.heading, days };
  });
}

export interface ParticipantRow {
  id: string;
  name: string;
  roleLabel: string;
  agency: string | null;
  isChair: boolean;
  rsvpLabel: string;
  invites: { sessionLabel: string; statusLabel: string; failed: boolean; reason: string | null }[];
  reportLabel: string | null;
  accessNeeds: string[];
  /** Whether the latest message of one of their invitations failed: the page offers to send them again. */
  anyFailed: boolean;
}

function sessionHeading(index: number, label: string | null, count: number): string {
  return label ?? (count > 1 ? `Part ${index + 1}` : 'The meeting');
}

function accessNeedsOf(p: MeetingView['participants'][number]): string[] {
  const needs = p.accessNeeds;
  return [
    ...(needs.interpreterLanguage ? [`Interpreter: ${needs.interpreterLanguage}`] : []),
    ...(needs.phoneOnly ? ['Joins by phone only'] : []),
    ...(needs.assistedVideo ? ['Needs help to join by video'] : []),
    ...(needs.notes ? [needs.notes] : []),
  ];
}

/** Who is texted (issue 23): done once each one's latest invitation, change or cancellation text has gone. */
function textsLine(view: MeetingView, names: Map<string, PersonName>): { text: string; done: boolean }[] {
  const texted = view.participants
    .map((p) => ({ p, texts: (p.texts ?? []).filter((x) => x.kind !== 'SMS_REMINDER') }))
    .filter((x) => x.texts.length > 0);
  if (texted.length === 0) return [];
  return [
    {
      text: `Texts to ${texted.map((x) => names.get(x.p.personId)?.name ?? 'Unknown').join(', ')}`,
      done: texted.every((x) => x.texts[x.texts.length - 1].status === 'SENT'),
    },
  ];
}

export function meetingPage(
  view: MeetingView,
  rules: Rules,
  names: Map<string, PersonName>,
  documents: DocumentRow[],
  now: Date,
) {
  const sessionName = new Map(view.sessions.map((s) => [s.id, sessionHeading(s.index, s.label, view.sessions.length)]));
  const reportsIn = new Set(documents.map((d) => d.participantId).filter(Boolean));
  const participants: ParticipantRow[] = view.participants.map((p) => {
    const person = names.get(p.personId);
    return {
      id: p.id,
      anyFailed: p.deliveries.some((d) => NOT_DELIVERED.includes(d.status)),
      name: person?.name ?? 'Unknown',
      roleLabel: participantRoleLabel(p.role),
      agency: person?.agency ?? null,
      isChair: p.isChair,
      rsvpLabel: RSVP_LABELS[p.rsvp],
      invites: p.deliveries.map((d) => ({
        sessionLabel: sessionName.get(d.sessionId ?? '') ?? 'The meeting',
        statusLabel: DELIVERY_STATUS_LABELS[d.status],
        failed: NOT_DELIVERED.includes(d.status),
        reason: NOT_DELIVERED.includes(d.status) ? d.lastError : null,
      })),
      reportLabel: p.reportRequired ? (reportsIn.has(p.id) ? 'Report received' : 'Report not received') : null,
      accessNeeds: accessNeedsOf(p),
    };
  });
  const invites = participants.flatMap((p) => p.invites);
  const asked = view.participants.filter((p) => p.reportRequired);
  const checklist = [
    {
      text: 'Every invitation sent',
      done:
        invites.length > 0 && invites.every((i) => i.statusLabel === 'Sent' || i.statusLabel.startsWith('Not sent')),
    },
    { text: 'Everyone has replied', done: view.participants.every((p) => p.isChair || p.rsvp !== 'NEEDS_ACTION') },
    {
      text: `Reports in (${asked.filter((p) => reportsIn.has(p.id)).length} of ${asked.length})`,
      done: asked.every((p) => reportsIn.has(p.id)),
    },
    {
      text: 'Joining details for every part',
      done: view.sessions.every((s) => !!(s.join.videoUrl || s.join.dialInNumber || s.join.venue)),
    },
    { text: `Pre-reads due by ${londonDateTime(view.preReadDeadline)}`, done: view.preReadDeadline <= now },
    ...textsLine(view, names),
  ];
  return {
    ...meetingRow(view, rules, names),
    id: view.id,
    version: view.version,
    cancelReason: view.cancelReason,
    dueBy: view.dueBy ? londonDate(view.dueBy) : null,
    withinTimescale: view.withinTimescale === null ? null : view.withinTimescale ? 'Yes' : 'No',
    sessions: view.sessions.map((s) => ({
      id: s.id,
      heading: sessionName.get(s.id),
      when: londonTimeRange(s.startsAt, s.endsAt),
      ...s.join,
    })),
    participants,
    documents: documents.map((d) => ({
      title: d.title,
      from: names.get(view.participants.find((p) => p.id === d.participantId)?.personId ?? '')?.name ?? null,
      audienceLabel: d.audience === 'PROFESSIONALS' ? 'Professionals only' : 'Everyone invited',
      late: d.late,
      submitted: londonDateTime(d.submittedAt),
    })),
    checklist,
    accessNeeds: participants
      .filter((p) => p.accessNeeds.length)
      .map((p) => ({ name: p.name, needs: p.accessNeeds.join('; ') })),
  };
}
