import { DELIVERY_STATUS_LABELS, meetingTypeLabel, participantRoleLabel } from '../meeting-types/labels';
import { MeetingType, MeetingTypeRules } from '../meeting-types/meeting-types';
import type { DueItem } from '../reports/due-report';
import { helpAskedFor } from '../participant-links/help-requests';
import { londonDate, londonDateTime } from '../templates/london-format';

type Rules = Readonly<Record<MeetingType, MeetingTypeRules>>;

export interface TaskLine {
  meetingHref: string;
  meeting: string;
  who: string | null;
  action: string;
}

export interface TaskSection {
  id: string;
  heading: string;
  empty: string;
  lines: TaskLine[];
}

/** A meeting as the lists name it: its type in words and its start in London time. */
export function meetingName(rules: Rules, type: string, startsAt: Date | string): string {
  return `${meetingTypeLabel(rules, type)}, ${londonDateTime(new Date(startsAt))}`;
}

const line = (
  rules: Rules,
  row: { meetingId: string; type: string; startsAt: Date | string },
  who: string | null,
  action: string,
): TaskLine => ({
  meetingHref: `/meetings/${row.meetingId}`,
  meeting: meetingName(rules, row.type, row.startsAt),
  who,
  action,
});

const person = (name: string | null, role: string | null) =>
  name ? (role ? `${name} (${participantRoleLabel(role)})` : name) : null;

/** What Notify's failure statuses mean, in words (its documented `status` values of a text). */
const NOTIFY_FAILURES: Record<string, string> = {
  'permanent-failure': 'the number is wrong or the network refused it',
  'temporary-failure': 'the phone was off or out of reach for 72 hours',
  'technical-failure': 'a fault at Notify',
};

/** The action for a failed invitation: its status and reason, then what to check; a text is checked by its number. */
export function failedInviteAction(r: {
  detail: string | null;
  channel?: 'email' | 'sms';
  reason?: string | null;
}): string {
  if (r.channel === 'sms') {
    const notify = /^Notify: (\S+)$/.exec(r.reason ?? '')?.[1];
    const why = notify ? (NOTIFY_FAILURES[notify] ?? notify) : r.reason?.slice(0, 200);
    return `Text ${r.detail === 'BOUNCED' ? 'not delivered' : 'failed'}${why ? ` (${why})` : ''}: check their mobile number, or phone them with the details`;
  }
  const status = r.detail
    ? (DELIVERY_STATUS_LABELS[r.detail as keyof typeof DELIVERY_STATUS_LABELS] ?? 'Failed')
    : 'Failed';
  return `${status}${r.reason ? ` (${r.reason.slice(0, 200)})` : ''}: check their email address, then send the invitation again from the meeting page`;
}

/** The coordinator's tasks, section by section, each line with its meeting and the action to take, in words. */
export function taskSections(
  rules: Rules,
  input: {
    noEmail: {
      meetingId: string;
      type: string;
      startsAt: Date | string;
      name: string;
      role: string;
      phone: string | null;
    }[];
    failedInvites: {
      meetingId: string;
      type: string;
      startsAt: Date | string;
      person: string | null;
      role: string | null;
      detail: string | null;
      /** Email unless said; the reason is the remote server's answer or Notify's status. */
      channel?: 'email' | 'sms';
      reason?: string | null;
    }[];
    lateReports: {
      meetingId: string;
      type: string;
      startsAt: Date | string;
      person: string | null;
      role: string | null;
    }[];
    overdueRecords: { meetingId: string; type: string; startsAt: Date | string; dueBy: string }[];
    awaitingApproval: { meetingId: string; type: string; startsAt: Date | string; detail: string | null }[];
    /** "I need help to take part", sent from a participant's own page (issue 21). */
    helpRequests?: {
      meetingId: string;
      type: string;
      startsAt: Date | string;
      person: string | null;
      role: string | null;
      interpreterLanguage: string | null;
      phoneCall: boolean;
      accessNeeds: string | null;
    }[];
  },
): TaskSection[] {
  return [
    {
      id: 'no-email',
      heading: 'People with no email address',
      empty: 'Everyone invited to a meeting in the next 30 days has an email address or is sent texts.',
      lines: input.noEmail.map((r) =>
        line(
          rules,
          r,
          person(r.name, r.role),
          r.phone
            ? `Phone them on ${r.phone} with the details, or send them by post`
            : 'Send the details by post: there is no phone number either',
        ),
      ),
    },
    {
      id: 'failed-invites',
      heading: 'Invitations that failed or came back',
      empty: 'No invitation has failed.',
      lines: input.failedInvites.map((r) => line(rules, r, person(r.person, r.role), failedInviteAction(r))),
    },
    {
      id: 'late-reports',
      heading: 'Reports not in by the deadline',
      empty: 'No report is late.',
      lines: input.lateReports.map((r) =>
        line(rules, r, person(r.person, r.role), 'Chase the report: the deadline has passed'),
      ),
    },
    {
      id: 'overdue-records',
      heading: 'Records overdue',
      empty: 'No record is overdue.',
      lines: input.overdueRecords.map((r) =>
        line(rules, r, null, `Chase the chair: the record was due by ${londonDate(r.dueBy)}`),
      ),
    },
    {
      id: 'awaiting-approval',
      heading: 'Records waiting for approval',
      empty: 'No record is waiting for you to approve.',
      lines: input.awaitingApproval.map((r) =>
        line(
          rules,
          r,
          null,
          r.detail
            ? `Approve it or return it to its author under Records waiting for you: submitted on ${londonDate(r.detail)}`
            : 'Approve it or return it to its author under Records waiting for you',
        ),
      ),
    },
    {
      id: 'help-requests',
      heading: 'Asked for help to take part',
      empty: 'Nobody has asked for help to take part.',
      lines: (input.helpRequests ?? []).map((r) =>
        line(
          rules,
          r,
          person(r.person, r.role),
          `Arrange what they asked for: ${helpAskedFor(r).join(', ')}. The chair sees it in the meeting's access needs`,
        ),
      ),
    },
  ];
}

export interface DueLine {
  what: string;
  caseReference: string | null;
  dueBy: string;
  overdue: boolean;
  basis: string | null;
  action: { href: string; text: string } | null;
}

/** The due list in words, overdue first (then by date), each with the link that acts on it. */
export function dueLines(rules: Rules, items: DueItem[], bookable: readonly string[]): DueLine[] {
  const ordered = [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueBy.localeCompare(b.dueBy));
  return ordered.map((item) => {
    const type = meetingTypeLabel(rules, item.type);
    const book = (t: string) =>
      bookable.includes(t) && item.reference
        ? {
            href: `/meetings/new?${new URLSearchParams({ type: t, case: item.reference }).toString()}`,
            text: `Book the ${lower(meetingTypeLabel(rules, t))}`,
          }
        : null;
    const what =
      item.kind === 'MEETING_NOT_BOOKED'
        ? `${type} not booked`
        : item.kind === 'RECORD_NOT_DISTRIBUTED'
          ? `Record of the ${lower(type)} not sent out`
          : item.kind === 'DECISION_LETTER_NOT_SENT'
            ? `Decision letter of the ${lower(type)} not sent`
            : 'Pre-proceedings ends';
    const action =
      item.kind === 'MEETING_NOT_BOOKED'
        ? book(item.type)
        : item.kind === 'RECORD_NOT_DISTRIBUTED' || item.kind === 'DECISION_LETTER_NOT_SENT'
          ? { href: `/meetings/${item.meetingId}`, text: 'Open the meeting' }
          : book('PLO');
    const words = item.basis?.replace(/\d{4}-\d{2}-\d{2}/g, (iso) => londonDate(iso));
    const basis = words
      ? `${words.charAt(0).toUpperCase()}${words.slice(1)}${item.setOn ? `; the conference set ${londonDate(item.setOn)}` : ''}`
      : null;
    return {
      what,
      caseReference: item.reference ?? null,
      dueBy: londonDate(item.dueBy),
      overdue: item.overdue,
      basis,
      action,
    };
  });
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
