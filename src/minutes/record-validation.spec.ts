import type { Person } from '../directory/person.entity';
import { MeetingType, meetingTypeRules } from '../meeting-types/meeting-types';
import type { Meeting } from '../meetings/meeting.entity';
import type { MeetingSession } from '../meetings/meeting-session.entity';
import type { Participant } from '../meetings/participant.entity';
import type { MeetingContext } from './minutes-context';
import type { MinutesRecord } from './minutes.dto';
import { recordProblems, RecordFacts, remoteWithoutReason } from './record-validation';

const rules = meetingTypeRules();

type Who = { id: string; role: string; kind: 'PROFESSIONAL' | 'FAMILY'; agency?: [string, string]; chair?: boolean };
const EVERYONE: Who[] = [
  { id: 'chair', role: 'CHAIR', kind: 'PROFESSIONAL', agency: ['council', 'LOCAL_AUTHORITY'], chair: true },
  { id: 'sw', role: 'SOCIAL_WORKER', kind: 'PROFESSIONAL', agency: ['council', 'LOCAL_AUTHORITY'] },
  { id: 'gp', role: 'GP', kind: 'PROFESSIONAL', agency: ['surgery', 'HEALTH'] },
  { id: 'teacher', role: 'TEACHER', kind: 'PROFESSIONAL', agency: ['school', 'EDUCATION'] },
  { id: 'mum', role: 'PARENT', kind: 'FAMILY' },
];

function context(type: MeetingType, who: Who[] = EVERYONE, caseIds = ['case-1']): MeetingContext {
  return {
    meeting: { id: 'meeting-1', type, status: 'SCHEDULED', heldOn: '2026-12-03', chairId: 'person-chair' } as Meeting,
    rules: rules[type],
    sessions: [{ id: 'session-1', position: 0 } as MeetingSession, { id: 'session-2', position: 1 } as MeetingSession],
    participants: who.map(
      (w) => ({ id: w.id, personId: `person-${w.id}`, role: w.role, isChair: Boolean(w.chair) }) as Participant,
    ),
    people: new Map(
      who.map((w) => [
        `person-${w.id}`,
        {
          id: `person-${w.id}`,
          kind: w.kind,
          agencyId: w.agency?.[0] ?? null,
          agencyKind: w.agency?.[1] ?? null,
        } as Person & {
          agencyKind: string | null;
        },
      ]),
    ),
    caseIds,
    caseKinds: Object.fromEntries(caseIds.map((id) => [id, 'CHILD'])),
    caseReferences: Object.fromEntries(caseIds.map((id) => [id, id.toUpperCase()])),
  };
}

const NO_FACTS: RecordFacts = { reviewedChildren: [], decisionQuorums: [] };
const attended = (...ids: string[]) =>
  ids.map((participantId) => ({ participantId, status: 'ATTENDED' as const, joinedBy: 'IN_PERSON' as const }));
/** A core group record that meets every common rule, so each test breaks one. */
const complete: MinutesRecord = {
  sessions: [
    { sessionId: 'session-1', method: 'IN_PERSON' },
    { sessionId: 'session-2', method: 'IN_PERSON' },
  ],
  attendance: attended('chair', 'sw', 'gp', 'teacher', 'mum'),
  summary: 'Met and agreed the plan',
  familySummary: 'What we agreed',
  planConsidered: true,
  decisions: [{ text: 'Continue the plan', rationale: 'Progress is steady' }],
  outcomes: [{ caseId: 'case-1', outcome: 'PLAN_PROGRESSED' }],
  familyViews: { parents: 'Agree with the plan', reportsSharedBeforehand: true },
};
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);
const problems = (type: MeetingType, record: MinutesRecord, done = true, facts = NO_FACTS, ctx = context(type)) =>
  recordProblems(ctx, record, done, facts);

describe('recordProblems (what the record must meet, draft or submitted)', () => {
  it('passes a complete core group record, and a draft that says little', () => {
    expect(problems('CORE_GROUP', complete)).toEqual([]);
    expect(problems('CORE_GROUP', { summary: 'So far' }, false)).toEqual([]);
  });

  it('asks how each person who attended joined', () => {
    const record = { ...complete, attendance: [{ participantId: 'sw', status: 'ATTENDED' as const }] };
    expect(problems('CORE_GROUP', record, false)).toEqual([
      { field: 'attendance[0].joinedBy', message: 'say how they joined: IN_PERSON, VIDEO or PHONE' },
    ]);
  });

  it('refuses PN codes outside a type that takes them, and a second code for one case', () => {
    const record: MinutesRecord = {
      childParticipation: 'PN1',
      childParticipationByCase: [
        { caseId: 'case-1', code: 'PN1' },
        { caseId: 'case-1', code: 'PN2' },
      ],
    };
    expect(fields(problems('CORE_GROUP', record, false))).toEqual([
      'childParticipation',
      'childParticipationByCase',
      'childParticipationByCase[1].caseId',
    ]);
  });

  it('refuses PN0 for a child of 4 or over on the day (the age check of child-participation.ts)', () => {
    const facts = { ...NO_FACTS, reviewedChildren: [{ caseId: 'case-1', reference: 'C1', dateOfBirth: '2015-01-01' }] };
    expect(fields(problems('LAC_REVIEW', { childParticipation: 'PN0' }, false, facts))).toEqual(['childParticipation']);
    expect(problems('LAC_REVIEW', { childParticipation: 'PN1' }, false, facts)).toEqual([]);
  });

  it('needs a PN code for the review or for every child, once submitted', () => {
    const lac = context('LAC_REVIEW', EVERYONE, ['case-1', 'case-2']);
    const of = (record: MinutesRecord) =>
      fields(recordProblems(lac, { ...complete, ...record }, true, NO_FACTS)).filter((f) =>
        f.startsWith('childParticipation'),
      );
    expect(of({})).toEqual(['childParticipation']);
    expect(of({ childParticipationByCase: [{ caseId: 'case-1', code: 'PN1' }] })).toEqual(['childParticipationByCase']);
    expect(of({ childParticipation: 'PN1' })).toEqual([]);
  });

  it("takes only the type's outcomes, with a category exactly where the outcome needs one", () => {
    const outcomes = (o: MinutesRecord['outcomes']) => problems('ICPC', { outcomes: o }, false);
    expect(fields(outcomes([{ caseId: 'case-1', outcome: 'CLOSE' }]))).toEqual(['outcomes[0].outcome']);
    expect(outcomes([{ caseId: 'case-1', outcome: 'CP_PLAN' }])).toEqual([
      {
        field: 'outcomes[0].category',
        message: 'a CP_PLAN outcome needs a category (NEGLECT, PHYSICAL, SEXUAL, EMOTIONAL or MULTIPLE)',
      },
    ]);
    expect(outcomes([{ caseId: 'case-1', outcome: 'NO_CP_PLAN', category: 'NEGLECT' }])).toEqual([
      { field: 'outcomes[0].category', message: 'a NO_CP_PLAN outcome has no category' },
    ]);
    expect(outcomes([{ caseId: 'case-1', outcome: 'CP_PLAN', category: 'NEGLECT' }])).toEqual([]);
  });

  it('needs, once submitted, the summary, the plan considered, a decision, the attendance and every part’s method', () => {
    // (Who attended is record-content.ts's rule, tested there.)
    const own = problems('CORE_GROUP', { familySummary: 'x', familyViews: complete.familyViews }).filter(
      (e) => !e.message.startsWith('account for'),
    );
    expect(fields(own)).toEqual([
      'summary',
      'planConsidered',
      'decisions',
      'attendance',
      'sessions',
      'sessions',
      'outcomes',
    ]);
    expect(problems('CORE_GROUP', { ...complete, sessions: complete.sessions!.slice(0, 1) })).toEqual([
      { field: 'sessions', message: 'say how session 2 was held' },
    ]);
  });

  it('needs an outcome for every case, where the type has outcomes', () => {
    const icpc = context('ICPC', EVERYONE, ['case-1', 'case-2']);
    const record = { ...complete, outcomes: [{ caseId: 'case-1', outcome: 'NO_CP_PLAN' }] };
    expect(recordProblems(icpc, record, true, NO_FACTS).filter((e) => e.field === 'outcomes')).toEqual([
      { field: 'outcomes', message: 'record the outcome for case case-2' },
    ]);
  });

  it('needs the family’s summary or the reason it is not shared, where a family member took part', () => {
    const { familySummary: _, ...record } = complete;
    expect(fields(problems('CORE_GROUP', record))).toEqual(['familySummary']);
    expect(problems('CORE_GROUP', { ...record, familyNotSharedReason: 'Police investigation' })).toEqual([]);
    const noFamily = context('CORE_GROUP', EVERYONE.slice(0, 4));
    expect(
      recordProblems(noFamily, { ...record, attendance: attended('chair', 'sw', 'gp', 'teacher') }, true, NO_FACTS),
    ).toEqual([]);
  });

  it('needs the chair’s reason to proceed when the conference was not quorate, by the attendance or at a decision', () => {
    const icpc = (record: MinutesRecord, facts = NO_FACTS) =>
      recordProblems(context('ICPC'), { ...complete, ...record }, true, facts).filter((e) =>
        e.field.startsWith('quorum'),
      );
    expect(icpc({ attendance: attended('chair', 'sw', 'gp', 'teacher') })).toEqual([]);
    expect(icpc({ attendance: attended('chair', 'sw', 'gp') })).toEqual([
      {
        field: 'quorum.reasonToProceed',
        message:
          "the meeting was not quorate (children's social care and 1 other agency attended; 2 are needed); record the chair’s reason to proceed",
      },
    ]);
    const left = { decisionQuorums: [{ decision: 1, decidedAt: 'x', quorate: false, explanation: 'the GP had left' }] };
    expect(icpc({}, { ...NO_FACTS, ...left })).toEqual([
      {
        field: 'quorum.reasonToProceed',
        message:
          'decision 1 was taken when the meeting was not quorate (the GP had left); record the chair’s reason to proceed',
      },
    ]);
    expect(icpc({ quorum: { reasonToProceed: 'Pre-birth' } }, { ...NO_FACTS, ...left })).toEqual([]);
  });
});

describe('remoteWithoutReason (a warning, never a refusal)', () => {
  it('points out each part held remotely without a reason', () => {
    const ctx = context('CORE_GROUP');
    expect(
      remoteWithoutReason(ctx, {
        sessions: [
          { sessionId: 'session-1', method: 'VIDEO' },
          { sessionId: 'session-2', method: 'SEPARATE_CONVERSATIONS' },
        ],
      }),
    ).toEqual([
      'Part 1 was held by video: record why a remote method was used',
      'Part 2 was held as separate conversations, with no joint discussion: record why',
    ]);
    expect(
      remoteWithoutReason(ctx, { sessions: [{ sessionId: 'session-1', method: 'PHONE', reason: 'Snow' }] }),
    ).toEqual([]);
  });
});
