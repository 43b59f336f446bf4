import { meetingTypeRules } from '../meeting-types/meeting-types';
import { dueLines, failedInviteAction, taskSections } from './coordinator-lists';

describe("the coordinator's lists in words", () => {
  const rules = meetingTypeRules();

  it('puts overdue items first, dates in words, with the link that books the meeting due', () => {
    const lines = dueLines(
      rules,
      [
        {
          kind: 'MEETING_NOT_BOOKED',
          caseId: 'c1',
          reference: 'CR 1',
          type: 'RCPC',
          dueBy: '2026-12-01',
          overdue: false,
          basis: '3 months after the initial child protection conference on 2026-09-01',
        },
        {
          kind: 'MEETING_NOT_BOOKED',
          caseId: 'c2',
          reference: 'CR 2',
          type: 'CORE_GROUP',
          dueBy: '2026-11-20',
          overdue: true,
        },
        { kind: 'RECORD_NOT_DISTRIBUTED', meetingId: 'm1', type: 'ICPC', dueBy: '2026-11-10', overdue: true },
      ],
      ['CORE_GROUP'],
    );
    expect(lines.map((l) => l.what)).toEqual([
      'Record of the initial child protection conference not sent out',
      'Core group meeting not booked',
      'Review child protection conference not booked',
    ]);
    expect(lines[0]).toMatchObject({
      dueBy: 'Tuesday 10 November 2026',
      overdue: true,
      action: { href: '/meetings/m1', text: 'Open the meeting' },
    });
    expect(lines[1].action).toEqual({
      href: '/meetings/new?type=CORE_GROUP&case=CR+2',
      text: 'Book the core group meeting',
    });
    // A type the person may not book gets no booking link.
    expect(lines[2]).toMatchObject({
      action: null,
      basis: '3 months after the initial child protection conference on Tuesday 1 September 2026',
    });
  });

  it('words each task with its meeting in London time and the action to take', () => {
    const startsAt = new Date('2026-07-01T09:00:00Z'); // 10:00 in London (BST)
    const sections = taskSections(rules, {
      noEmail: [{ meetingId: 'm1', type: 'LAC_REVIEW', startsAt, name: 'Gwen', role: 'FOSTER_CARER', phone: null }],
      failedInvites: [
        { meetingId: 'm1', type: 'LAC_REVIEW', startsAt, person: 'Sam', role: 'POLICE', detail: 'BOUNCED' },
      ],
      lateReports: [],
      overdueRecords: [],
      awaitingApproval: [{ meetingId: 'm2', type: 'ICPC', startsAt, detail: '2026-07-02' }],
    });
    const [noEmail, failed, late, , approval] = sections;
    expect(noEmail.lines[0]).toEqual({
      meetingHref: '/meetings/m1',
      meeting: 'Looked-after child review, Wednesday 1 July 2026, 10:00 (UK time)',
      who: 'Gwen (Foster carer)',
      action: 'Send the details by post: there is no phone number either',
    });
    expect(failed.lines[0].action).toBe(
      'Returned: the address did not take it: check their email address, then send the invitation again from the meeting page',
    );
    expect(late.lines).toEqual([]);
    expect(approval.lines[0].action).toBe(
      'Approve it or return it to its author under Records waiting for you: submitted on Thursday 2 July 2026',
    );
    expect(sections.at(-1)).toMatchObject({ id: 'help-requests', lines: [] });
  });

  it('words a request for help to take part with what to arrange (issue 21)', () => {
    const startsAt = new Date('2026-07-01T09:00:00Z');
    const help = taskSections(rules, {
      noEmail: [],
      failedInvites: [],
      lateReports: [],
      overdueRecords: [],
      awaitingApproval: [],
      helpRequests: [
        {
          meetingId: 'm3',
          type: 'ICPC',
          startsAt,
          person: 'Barry',
          role: 'PARENT',
          interpreterLanguage: 'Polish',
          phoneCall: true,
          accessNeeds: null,
        },
      ],
    }).find((s) => s.id === 'help-requests')!;
    expect(help.heading).toBe('Asked for help to take part');
    expect(help.lines).toEqual([
      {
        meetingHref: '/meetings/m3',
        meeting: 'Initial child protection conference, Wednesday 1 July 2026, 10:00 (UK time)',
        who: 'Barry (Parent)',
        action:
          "Arrange what they asked for: an interpreter (Polish), to take part by phone instead. The chair sees it in the meeting's access needs",
      },
    ]);
  });

  it('words a failed text by its number and Notify’s reason, and a failed email with its server’s answer', () => {
    expect(failedInviteAction({ detail: 'BOUNCED', channel: 'sms', reason: 'Notify: permanent-failure' })).toBe(
      'Text not delivered (the number is wrong or the network refused it): check their mobile number, or phone them with the details',
    );
    expect(failedInviteAction({ detail: 'FAILED', channel: 'sms', reason: 'Notify: 400 ValidationError' })).toBe(
      'Text failed (Notify: 400 ValidationError): check their mobile number, or phone them with the details',
    );
    expect(failedInviteAction({ detail: 'BOUNCED', channel: 'email', reason: '5.1.1 smtp; 550 User unknown' })).toBe(
      'Returned: the address did not take it (5.1.1 smtp; 550 User unknown): check their email address, then send the invitation again from the meeting page',
    );
  });
});
