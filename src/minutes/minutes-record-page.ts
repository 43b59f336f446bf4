import { Injectable } from '@nestjs/common';
import { CHILD_PARTICIPATION_MEANINGS } from '../meeting-types/meeting-types';
import { TemplateRenderer } from '../templates/template-renderer';
import { formatLondon, formatLondonDate } from '../time/london';
import { MinutesReader } from './minutes-reader';
import { MinutesRepository } from './minutes.repository';
import { RecordLettersRepository } from './record-letters.repository';

const words = (code: string) => code.replace(/_/g, ' ').toLowerCase();

/** Renders the professionals' record as HTML (handlebars). The family's copy is a separate allow-list: FamilyRecordPage. */
@Injectable()
export class MinutesRecordPage {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly minutes: MinutesReader,
    private readonly renderer: TemplateRenderer,
    private readonly letters: RecordLettersRepository,
  ) {}

  async render(meetingId: string): Promise<string> {
    const minutes = await this.minutes.view(meetingId);
    const ctx = await this.minutes.context(this.repository.manager, meetingId);
    const record = minutes.record;
    const references = await this.repository.caseReferences(this.repository.manager, meetingId);
    const reference = (caseId: string) => references.find((r) => r.id === caseId)?.reference ?? caseId;
    const named = [
      ...(record.actions ?? []).map((a) => a.ownerPersonId),
      ...(record.plan ? [record.plan.leadPractitionerPersonId, ...record.plan.coreGroupPersonIds] : []),
      ...(record.lateReason
        ? [record.lateReason.agreedByChairPersonId, record.lateReason.agreedByManagerPersonId]
        : []),
    ];
    const agencyIds = [
      ...(record.dissent ?? []).map((d) => d.agencyId),
      ...(record.referrals ?? []).map((r) => r.referringAgencyId),
    ];
    const { people: owners, agencies } = await this.repository.names(this.repository.manager, named, agencyIds);
    const nameOf = (id: string) => owners.get(id) ?? 'Unknown';
    const participant = (id: string) => ctx.participants.find((p) => p.id === id);
    const distributed = await this.letters.people(
      this.repository.manager,
      (record.distribution ?? []).map((d) => d.personId),
    );
    const agreement = await this.letters.writtenAgreement(this.repository.manager, meetingId);
    return this.renderer.render('pages/minutes.html', {
      writtenAgreement: agreement && { ...agreement, signedOn: formatLondonDate(agreement.signedOn) },
      distribution: (record.distribution ?? []).map((d) => ({
        name: distributed.get(d.personId)?.name ?? 'Unknown',
        agency: distributed.get(d.personId)?.agency,
        reason: d.reason,
      })),
      typeLabel: ctx.rules.label,
      caseReferences: references.map((r) => r.reference).join(', '),
      heldOn: formatLondonDate(ctx.meeting.heldOn),
      status: minutes.status,
      decisionsDueOn: formatLondonDate(minutes.decisionsDueOn),
      recordDueOn: formatLondonDate(minutes.recordDueOn),
      nextMeetings: minutes.nextMeetings.map((n) => ({
        label: n.label,
        dueBy: formatLondonDate(n.dueBy),
        basis: n.basis,
      })),
      quorum: minutes.quorum,
      reasonToProceed: record.quorum?.reasonToProceed,
      sessions: (record.sessions ?? []).map((s) => {
        const session = ctx.sessions.find((x) => x.id === s.sessionId);
        return {
          part: (session?.position ?? 0) + 1,
          label: session?.label,
          when: session ? formatLondon(session.startsAt) : '',
          method: s.method.replace(/_/g, ' ').toLowerCase(),
          reason: s.reason,
        };
      }),
      attendance: (record.attendance ?? []).map((a) => {
        const p = participant(a.participantId);
        const person = p ? ctx.people.get(p.personId) : undefined;
        return {
          name: person?.name,
          role: p?.role,
          status: a.status.replace(/_/g, ' ').toLowerCase(),
          joinedBy: a.joinedBy?.replace(/_/g, ' ').toLowerCase(),
          note: a.note,
        };
      }),
      childParticipation: [
        ...(record.childParticipation
          ? [
              {
                who: 'All children',
                code: record.childParticipation,
                meaning: CHILD_PARTICIPATION_MEANINGS[record.childParticipation],
              },
            ]
          : []),
        ...(record.childParticipationByCase ?? []).map((c) => ({
          who: reference(c.caseId),
          code: c.code,
          meaning: CHILD_PARTICIPATION_MEANINGS[c.code],
        })),
      ],
      summary: record.summary,
      planConsidered: record.planConsidered,
      decisions: record.decisions ?? [],
      actions: (record.actions ?? []).map((a) => ({
        ...a,
        owner: owners.get(a.ownerPersonId) ?? 'Unknown',
        dueOn: formatLondonDate(a.dueOn),
        forCase: a.caseId ? reference(a.caseId) : null,
      })),
      referrals: minutes.referrals.map((r) => ({
        reference: reference(r.caseId),
        agency: agencies.get(r.referringAgencyId) ?? 'Unknown agency',
        criteria: words(r.criteria),
        dashScore: r.dashScore,
        children: r.childrenInHousehold,
        repeat: r.repeat,
        previousMaracOn: r.previousMaracOn ? formatLondonDate(r.previousMaracOn) : null,
      })),
      advocacy: record.advocacy,
      legallyRepresented: record.parentsLegallyRepresented,
      legalRepresentationAsked: record.parentsLegallyRepresented !== undefined,
      consultationForms: (record.consultationForms ?? []).map((f) => ({
        from: words(f.from),
        sent: f.sent,
        returned: f.returned,
      })),
      disputeResolution: record.disputeResolution && {
        stage: words(record.disputeResolution.stage),
        raisedOn: formatLondonDate(record.disputeResolution.raisedOn),
        outcome: record.disputeResolution.outcome,
      },
      outcomes: (record.outcomes ?? []).map((o) => ({
        reference: reference(o.caseId),
        outcome: o.outcome.replace(/_/g, ' ').toLowerCase(),
        category: o.category?.toLowerCase(),
        notes: o.notes,
      })),
      childViews: (record.childViews ?? []).map((v) => ({
        reference: reference(v.caseId),
        views: v.views,
        obtainedBy: v.obtainedBy.map(words).join(', '),
        seenByChairOn: v.seenByChairOn ? formatLondonDate(v.seenByChairOn) : null,
        notObtainedReason: v.notObtainedReason,
      })),
      familyViews: record.familyViews,
      reports: minutes.reports.map((r) => {
        const p = participant(r.participantId);
        return {
          who: `${p ? (ctx.people.get(p.personId)?.name ?? '') : ''}, ${r.role}`,
          state: words(r.state),
          receivedAt: r.receivedAt ? formatLondon(r.receivedAt) : '',
        };
      }),
      dissent: (record.dissent ?? []).map((d) => ({
        agency: agencies.get(d.agencyId) ?? 'Unknown agency',
        decision: d.decision,
        about: d.about,
        reason: d.reason,
      })),
      plan: record.plan && {
        leadPractitioner: nameOf(record.plan.leadPractitionerPersonId),
        coreGroup: record.plan.coreGroupPersonIds.map(nameOf).join(', '),
        firstCoreGroupOn: formatLondonDate(record.plan.firstCoreGroupOn),
        reviewConferenceOn: formatLondonDate(record.plan.reviewConferenceOn),
      },
      lateReason: record.lateReason && {
        reason: record.lateReason.reason,
        chair: nameOf(record.lateReason.agreedByChairPersonId),
        manager: nameOf(record.lateReason.agreedByManagerPersonId),
        dueBy: ctx.meeting.dueBy ? formatLondonDate(ctx.meeting.dueBy) : '',
      },
      warnings: minutes.warnings,
      exclusions: minutes.exclusions.map((e) => {
        const p = participant(e.participantId);
        const session = ctx.sessions.find((x) => x.id === e.sessionId);
        return { role: p?.role, part: (session?.position ?? 0) + 1, reason: e.reason };
      }),
      amendments: minutes.amendments.map((a) => ({
        at: formatLondon(a.createdAt),
        reason: a.reason,
        fields: a.changedFields.join(', '),
      })),
    });
  }

  /**
   * The decision letter (Working Together: decisions and the plan within one working day), separate from the full
   * record: what was decided, the outcomes, the plan's lead practitioner and dates, and what falls due next. Built
   * from those fields alone, so nothing of the discussion goes with it.
   */
  async renderDecisionLetter(meetingId: string): Promise<string> {
    const minutes = await this.minutes.view(meetingId);
    const ctx = await this.minutes.context(this.repository.manager, meetingId);
    const record = minutes.record;
    const references = await this.repository.caseReferences(this.repository.manager, meetingId);
    const reference = (caseId: string) => references.find((r) => r.id === caseId)?.reference ?? caseId;
    const lead = record.plan
      ? (await this.repository.names(this.repository.manager, [record.plan.leadPractitionerPersonId], [])).people
      : new Map<string, string>();
    return this.renderer.render('pages/decision-letter.html', {
      typeLabel: ctx.rules.label,
      caseReferences: references.map((r) => r.reference).join(', '),
      heldOn: formatLondonDate(ctx.meeting.heldOn),
      decisionsDueOn: formatLondonDate(minutes.decisionsDueOn),
      decisions: (record.decisions ?? []).map((d) => ({ text: d.text })),
      outcomes: (record.outcomes ?? []).map((o) => ({
        reference: reference(o.caseId),
        outcome: words(o.outcome),
        category: o.category ? words(o.category) : null,
      })),
      plan: record.plan && {
        leadPractitioner: lead.get(record.plan.leadPractitionerPersonId) ?? 'Unknown',
        firstCoreGroupOn: formatLondonDate(record.plan.firstCoreGroupOn),
        reviewConferenceOn: formatLondonDate(record.plan.reviewConferenceOn),
      },
      nextMeetings: minutes.nextMeetings.map((n) => ({ label: n.label, dueBy: formatLondonDate(n.dueBy) })),
    });
  }
}
