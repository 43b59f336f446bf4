import { participantRoleLabel } from '../meeting-types/labels';
import { plainEnglishOf } from '../meeting-types/plain-english';
import { joiningDetailsShown, NO_JOINING_DETAILS } from '../meetings/joining-details';
import type { Rsvp } from '../meetings/participant.entity';
import type { MeetingDocument } from '../prereads/document.entity';
import { formatLondon, formatLondonTime } from '../time/london';
import { helpAskedFor } from './help-requests';
import type { HelpRequestRow } from './help-requests.repository';
import type { PersonalPage } from './participant-links.service';

const RSVP_SAID: Record<Rsvp, string> = {
  NEEDS_ACTION: 'You have not replied yet',
  ACCEPTED: 'You said you will attend',
  TENTATIVE: 'You said you might attend',
  DECLINED: 'You said you cannot attend',
};

/** One way of joining a part, in the order the page lists them. */
interface JoinWay {
  key: string;
  value: string;
  href?: string;
}

/**
 * How to join one part. Phone first where that is the participant's way (their access needs say they join by phone,
 * or they asked for a phone call on this page): the number and the PIN they need to type, then anything else.
 */
function joinWays(
  join: { videoUrl: string | null; dialInNumber: string | null; accessCode: string | null; venue: string | null },
  phoneFirst: boolean,
): JoinWay[] {
  const phone: JoinWay[] = [
    ...(join.dialInNumber
      ? [{ key: 'Join by phone', value: join.dialInNumber, href: `tel:${join.dialInNumber.replace(/[^+\d]/g, '')}` }]
      : []),
    ...(join.accessCode ? [{ key: 'Access code (PIN)', value: join.accessCode }] : []),
  ];
  const video: JoinWay[] = join.videoUrl
    ? [
        {
          key: 'Join by video',
          value: join.videoUrl,
          ...(/^https?:\/\/[^\s"<>]+$/i.test(join.videoUrl) ? { href: join.videoUrl } : {}),
        },
      ]
    : [];
  const venue: JoinWay[] = join.venue ? [{ key: 'Where', value: join.venue }] : [];
  return phoneFirst ? [...phone, ...video, ...venue] : [...video, ...phone, ...venue];
}

/** Everything `/p/:token` shows its holder, in words: labels, never codes; London time with the day. */
export function personalPageModel(
  token: string,
  page: PersonalPage,
  documents: MeetingDocument[],
  helpRequests: HelpRequestRow[],
  query: { replied?: unknown; sent?: unknown; texts?: unknown },
) {
  const { meeting, participant } = page;
  const cancelled = meeting.status === 'CANCELLED';
  const phoneFirst = participant.phoneOnly;
  const plural = page.sessions.length > 1;
  return {
    token,
    typeLabel: page.typeLabel,
    caseReferences: page.caseReferences.join(', '),
    cancelled,
    cancelReason: meeting.cancelReason,
    replied: query.replied === '1',
    sent: query.sent === '1',
    texts: {
      ...page.texts,
      offered: page.texts.offered && !cancelled,
      changed: query.texts === 'on' || query.texts === 'off' ? query.texts : null,
    },
    partsHeading: plural ? 'Your parts of the meeting' : 'When and how to join',
    partsIntro: plural
      ? `This meeting is held in ${page.sessions.length} parts. These are the parts you are invited to.`
      : null,
    preReadDeadline: formatLondon(meeting.preReadDeadline),
    reportRequired: participant.reportRequired,
    // Anyone invited may send a report (the upload takes any participant); reportRequired only says who owes one.
    uploadAllowed: !cancelled,
    helpAllowed: !cancelled && meeting.endsAt > page.now,
    documents: documents.map((d) => ({ id: d.id, title: d.title, late: d.late })),
    rsvpLabel: RSVP_SAID[participant.rsvp],
    responses: [
      { value: 'ACCEPTED', label: 'I will attend', current: participant.rsvp === 'ACCEPTED' },
      { value: 'TENTATIVE', label: 'I might attend', current: participant.rsvp === 'TENTATIVE' },
      { value: 'DECLINED', label: 'I cannot attend', current: participant.rsvp === 'DECLINED' },
    ],
    about: plainEnglishOf(meeting.type),
    helpAsked: helpRequests.map((h) => ({
      when: formatLondon(h.requestedAt),
      what: helpAskedFor(h).join(', '),
    })),
    sessions: page.sessions.map((s, i) => {
      const join = joiningDetailsShown(meeting.status, s.endsAt, page.now)
        ? { videoUrl: s.videoUrl, dialInNumber: s.dialInNumber, accessCode: s.accessCode, venue: s.venue }
        : NO_JOINING_DETAILS;
      return {
        id: `part-${i + 1}`,
        heading: plural ? `Part ${i + 1}${s.label ? `: ${s.label}` : ''}` : (s.label ?? 'The meeting'),
        when: `${formatLondon(s.startsAt)} to ${formatLondonTime(s.endsAt)}`,
        ways: joinWays(join, phoneFirst),
        attendees: (page.attendees.get(s.id) ?? []).map((a) => ({
          // Roles and agencies only: a family member is named by their role, never by their name.
          text: `${a.isChair ? 'Chair' : participantRoleLabel(a.role)}${a.agency ? ` – ${a.agency}` : ''}${a.family ? ' (family member)' : ''}`,
        })),
      };
    }),
  };
}
