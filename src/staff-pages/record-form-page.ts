import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access-policy';
import { StaffUser } from '../auth/staff-user';
import { Problem } from '../http/problem';
import { participantRoleLabel } from '../meeting-types/labels';
import { MeetingRules } from '../meeting-types/meeting-rules.service';
import type { MeetingView } from '../meetings/meeting-view';
import { MeetingsService } from '../meetings/meetings.service';
import { recordKeeperProblem } from '../minutes/record-duties';
import { MinutesReturns } from '../minutes/minutes-return';
import { londonDate, londonDateTime } from '../templates/london-format';
import { PageRenderer } from '../web/page-renderer';
import { FormValues, RecordFormMeeting } from './record-form';
import type { RecordContentMeeting } from './record-form-content';
import { recordFormSections } from './record-form-view';
import { RecordGateway } from './record-gateway';
import { RECORD_STATUS_LABELS, REPORT_STATE_LABELS } from './record-labels';
import { RecordPagesRepository } from './record-pages.repository';
import { StaffPagesRepository } from './staff-pages.repository';

export type PageRequest = { csrfToken?: string };

/** The professionals an action's owner is chosen from (as before: the first of the directory, by name). */
const ACTION_OWNERS_OFFERED = 500;

/**
 * The record form's meeting and page, shared by the chair's form and an approver's amendment: what the type's rules
 * ask the record to hold, the people and agencies its pickers offer, and the page drawn from them.
 */
@Injectable()
export class RecordFormPage {
  constructor(
    private readonly pages: PageRenderer,
    private readonly gateway: RecordGateway,
    private readonly returns: MinutesReturns,
    private readonly repository: RecordPagesRepository,
    private readonly staffPages: StaffPagesRepository,
    private readonly meetings: MeetingsService,
    private readonly access: AccessPolicy,
    private readonly rules: MeetingRules,
  ) {}

  /** 404 for one who does not see the meeting, 403 for one who sees it but does not keep its record (as the API). */
  async keeperOf(user: StaffUser, id: string): Promise<{ view: MeetingView; meeting: RecordFormMeeting }> {
    await this.access.meeting(user, id, 'see', 'minutes.form');
    const keeper = await this.repository.keeper(id);
    if (!keeper) throw Problem.notFound('The meeting');
    const refused = recordKeeperProblem(user, keeper);
    if (refused) throw new Problem(403, refused);
    return this.meetingOf(user, id);
  }

  /** The meeting as the form shows it, to one who sees it (an approver amending its record: the service decides). */
  async meetingOf(user: StaffUser, id: string): Promise<{ view: MeetingView; meeting: RecordFormMeeting }> {
    await this.access.meeting(user, id, 'see', 'minutes.form');
    const view = await this.meetings.view(id);
    const names = await this.staffPages.names([view.chairId, ...view.participants.map((p) => p.personId)]);
    const rules = this.rules.of(view.type);
    const nameOf = (personId: string) => names.get(personId)?.name ?? 'Unknown';
    const others = view.participants.filter((p) => !p.isChair);
    const content = await this.contentOf(user, view, nameOf);
    return {
      view,
      meeting: {
        sessions: view.sessions.map((s) => ({
          id: s.id,
          heading: s.label ?? (view.sessions.length > 1 ? `Part ${s.index + 1}` : 'The meeting'),
        })),
        participants: others.map((p) => ({
          id: p.id,
          personId: p.personId,
          name: nameOf(p.personId),
          role: participantRoleLabel(p.role),
        })),
        owners: [...new Set([view.chairId, ...view.participants.map((p) => p.personId)])].map((personId) => ({
          personId,
          name: nameOf(personId),
        })),
        cases: view.cases,
        rules: {
          outcomes: rules.outcomes,
          outcomeNeedsCategory: rules.outcomeNeedsCategory,
          childParticipation: rules.childParticipationApplies,
          quorum: rules.quorum !== null,
          childViews: rules.record.childViews,
          familyViews: rules.record.familyViews,
          advocacy: rules.record.advocacy,
          legalRepresentation: rules.record.legalRepresentation,
          requiredAgencies: rules.record.requiredAgencies.length > 0,
          familyCopy: rules.minutesAudience === 'ALL_PARTICIPANTS',
        },
        content,
      },
    };
  }

  /** The issue 22 parts of this meeting's record, from its type's `record` rules (never from its type's name). */
  private async contentOf(
    user: StaffUser,
    view: MeetingView,
    nameOf: (personId: string) => string,
  ): Promise<RecordContentMeeting> {
    const record = this.rules.of(view.type).record;
    const [cases, agencies, people, documents] = await Promise.all([
      this.repository.cases(view.id),
      this.repository.agencies(),
      this.staffPages.people(this.access.visiblePeople(user, 'p', 1), ACTION_OWNERS_OFFERED),
      this.staffPages.documents(view.id),
    ]);
    const owed = view.participants.filter((p) => p.reportRequired);
    const reports = this.gateway.reportsReceived(owed, documents);
    return {
      planFor: record.planDetailsFor,
      late: record.lateReason && view.withinTimescale === false && view.dueBy ? { dueBy: view.dueBy } : null,
      referralCaseIds: cases.filter((c) => (record.referralFor as readonly string[]).includes(c.kind)).map((c) => c.id),
      actionsNameCase: record.actionsNameCase,
      consultation: record.advocacy,
      agencies,
      staff: people.filter((p) => p.kind === 'PROFESSIONAL').map((p) => ({ personId: p.id, name: p.name })),
      chairPersonId: view.chairId,
      reports: reports.map((r) => {
        const participant = owed.find((p) => p.id === r.participantId);
        return {
          who: `${participant ? nameOf(participant.personId) : 'Unknown'} (${participantRoleLabel(r.role)})`,
          state: REPORT_STATE_LABELS[r.state],
          receivedAt: r.receivedAt ? londonDateTime(r.receivedAt) : null,
        };
      }),
      ploLetters: record.legalRepresentation
        ? cases.map((c) => ({ reference: view.cases.find((k) => k.id === c.id)?.reference ?? '', on: c.ploLetterOn }))
        : null,
    };
  }

  async render(
    user: StaffUser,
    request: PageRequest,
    view: MeetingView,
    meeting: RecordFormMeeting,
    values: FormValues,
    errors: Record<string, string>,
    extra: Record<string, unknown>,
  ): Promise<string> {
    const minutes = await this.gateway.view(view.id);
    const returned = minutes?.status === 'DRAFT' ? await this.returns.latest(view.id) : null;
    const form = recordFormSections(meeting, values, errors);
    return this.pages.render('record-form', {
      title: 'Write the record',
      nav: 'meetings',
      user: { name: user.name, csrfToken: request.csrfToken ?? '' },
      meetingId: view.id,
      typeLabel: this.rules.of(view.type).label,
      caseReferences: view.cases.map((c) => c.reference).join(', '),
      statusLabel: minutes ? RECORD_STATUS_LABELS[minutes.status] : 'Not started',
      editable: !minutes || minutes.status === 'DRAFT' || minutes.status === 'SUBMITTED',
      warnings: minutes?.warnings ?? [],
      // Proposed from the timescale rules with this record's outcome (it counts once submitted).
      nextMeetings: (minutes?.nextMeetings ?? []).map((n) => ({ label: n.label, dueBy: londonDate(n.dueBy) })),
      returned: returned
        ? {
            by: returned.returnedByName ?? 'The approver',
            at: londonDateTime(returned.returnedAt),
            comment: returned.comment,
          }
        : null,
      ...form,
      ...extra,
    });
  }
}
