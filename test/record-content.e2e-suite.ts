import { FixedClock } from '../src/time/clock';
import { PDF } from './support/documents';
import {
  aBooking,
  aCase,
  aSession,
  coordinatorOf,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
} from './support/factories';
import { asChairOf } from './support/records';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 22: what a chair and an IRO must record, by meeting type, refused at submission when it is missing. */
describe('the content of the record', () => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const upload = async (meeting: MeetingBody, personId: string) =>
    t.http
      .post(`/api/meetings/${meeting.id}/documents`)
      .set(await coordinatorOf(t))
      .field('title', 'Report')
      .field('audience', 'PROFESSIONALS')
      .field('participantId', participantOf(meeting, personId).id)
      .attach('file', PDF, 'report.pdf')
      .expect(201);

  it('records a late ICPC: every invitee, the views, reports from the pre-reads, dissent, the plan and who agreed the delay', async () => {
    const child = await aCase(t);
    const strategy = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-10-01T10:00:00Z', 60)],
      }),
    );
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        relatedMeetingId: strategy.id,
        sessions: [aSession('2026-11-25T10:00:00Z', 90)],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH', reportRequired: true },
          { personId: dir.people.teacher.id, role: 'EDUCATION', reportRequired: true },
          { personId: dir.people.mother.id, role: 'PARENT' },
        ],
      }),
    );
    expect(icpc).toMatchObject({ dueBy: '2026-10-22', withinTimescale: false });
    await upload(icpc, dir.people.police.id); // before the deadline (48 hours before: Mon 23 Nov 10:00)
    clock.set(new Date('2026-11-24T09:00:00Z'));
    await upload(icpc, dir.people.healthVisitor.id); // after it
    clock.set(new Date('2026-11-25T14:00:00Z'));

    const p = (personId: string) => participantOf(icpc, personId).id;
    const chair = await asChairOf(t, icpc);
    const url = `/api/meetings/${icpc.id}/minutes`;
    const common = {
      sessions: [{ sessionId: icpc.sessions[0].id, method: 'IN_PERSON' }],
      summary: 'Neglect: continuing risk.',
      familySummary: 'There will be a plan.',
      planConsidered: true,
      decisions: [{ text: 'Child protection plan', rationale: 'Continuing risk of significant harm' }],
      outcomes: [{ caseId: child.id, outcome: 'CP_PLAN', category: 'NEGLECT' }],
      attendance: [
        { participantId: p(dir.people.socialWorker.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: p(dir.people.police.id), status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: p(dir.people.healthVisitor.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: p(dir.people.mother.id), status: 'EXCLUDED', note: 'Excluded for the police information' },
      ],
    };
    await t.http.put(url).set(chair).send(common).expect(200);
    const refused = await t.http.post(`${url}/submit`).set(chair).expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fields(refused.body)).toEqual(['attendance', 'childViews', 'familyViews', 'plan', 'lateReason']);
    expect(refused.body.errors[0].message).toContain(p(dir.people.teacher.id));

    const unknown = await t.http
      .put(url)
      .set(chair)
      .send({
        ...common,
        dissent: [{ agencyId: '00000000-0000-4000-8000-000000000000', about: 'x', reason: 'y' }],
        lateReason: {
          reason: 'x',
          agreedByChairPersonId: dir.people.socialWorker.id,
          agreedByManagerPersonId: dir.people.socialWorker.id,
        },
      })
      .expect(422);
    expect(fields(unknown.body)).toEqual(['lateReason.agreedByChairPersonId', 'dissent[0].agencyId']);
    const badDate = await t.http
      .put(url)
      .set(chair)
      .send({
        ...common,
        plan: {
          leadPractitionerPersonId: dir.people.socialWorker.id,
          coreGroupPersonIds: [],
          firstCoreGroupOn: '2026-12-40',
          reviewConferenceOn: '2027-02-22',
        },
      })
      .expect(400);
    expect(fields(badDate.body).sort()).toEqual(['plan.coreGroupPersonIds', 'plan.firstCoreGroupOn']);

    const complete = {
      ...common,
      attendance: [...common.attendance, { participantId: p(dir.people.teacher.id), status: 'DID_NOT_ATTEND' }],
      childViews: [
        {
          caseId: child.id,
          views: 'Wants to stay at home with the dog',
          obtainedBy: ['SOCIAL_WORKER', 'CONSULTATION_FORM'],
        },
      ],
      familyViews: {
        parents: 'Mother disagrees with the concerns',
        reportsSharedBeforehand: false,
        reportsNotSharedReason: 'The health report came the day before',
      },
      dissent: [
        {
          agencyId: dir.agencies.health,
          decision: 1,
          about: 'The category',
          reason: 'Emotional harm is the main concern',
        },
      ],
      plan: {
        leadPractitionerPersonId: dir.people.socialWorker.id,
        coreGroupPersonIds: [dir.people.socialWorker.id, dir.people.healthVisitor.id],
        firstCoreGroupOn: '2026-12-08',
        reviewConferenceOn: '2027-02-22',
      },
      lateReason: {
        reason: 'The strategy discussion was not passed to the conference team',
        agreedByChairPersonId: dir.people.chair.id,
        agreedByManagerPersonId: dir.people.socialWorker.id,
      },
    };
    await t.http.put(url).set(chair).send(complete).expect(200);
    const submitted = await t.http.post(`${url}/submit`).set(chair).expect(200);
    expect(submitted.body.reports.map((r: { role: string; state: string }) => `${r.role} ${r.state}`).sort()).toEqual([
      'EDUCATION NOT_RECEIVED',
      'HEALTH LATE',
      'POLICE ON_TIME',
    ]);

    const html = (
      await t.http
        .get(`${url}/record.html`)
        .set(await coordinatorOf(t))
        .expect(200)
    ).text;
    for (const text of [
      'Wants to stay at home with the dog (obtained: social worker, consultation form)',
      'Parents: Mother disagrees with the concerns',
      'The parents did not see the reports before the meeting: The health report came the day before',
      `${dir.people.police.name}, POLICE</td><td>on time`,
      `${dir.people.healthVisitor.name}, HEALTH</td><td>late`,
      `${dir.people.teacher.name}, EDUCATION</td><td>not received`,
      'excluded – Excluded for the police information',
      'Northshire Community Health</td><td>Decision 1: The category</td><td>Emotional harm is the main concern',
      `Lead practitioner: ${dir.people.socialWorker.name}. Core group: ${dir.people.socialWorker.name}, ${dir.people.healthVisitor.name}.`,
      'First core group set for Tuesday 8 December 2026; review conference set for Monday 22 February 2027',
      `Due by Thursday 22 October 2026. Why: The strategy discussion was not passed to the conference team. Agreed by the chair, ${dir.people.chair.name}, and the manager, ${dir.people.socialWorker.name}.`,
    ])
      expect({ text, shown: html.includes(text) }).toEqual({ text, shown: true });

    // The decision letter goes out on its own: the decisions and the plan, nothing of the discussion.
    const letter = (
      await t.http
        .get(`${url}/decision-letter.html`)
        .set(await coordinatorOf(t))
        .expect(200)
    ).text;
    expect(letter).toContain('<li>Child protection plan</li>');
    expect(letter).toContain(
      `Lead practitioner: ${dir.people.socialWorker.name}. First core group: Tuesday 8 December 2026. Review conference: Monday 22 February 2027.`,
    );
    for (const text of [
      'Neglect: continuing risk.',
      'Continuing risk of significant harm',
      'Wants to stay at home',
      'Emotional harm',
      'strategy discussion was not passed',
    ]) {
      expect({ text, inLetter: letter.includes(text) }).toEqual({ text, inLetter: false });
    }
  });

  it('warns a strategy discussion without health, and carries the reason given', async () => {
    const child = await aCase(t);
    const strategy = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-11-25T15:00:00Z', 30)],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
        ],
      }),
    );
    const chair = await asChairOf(t, strategy, 'SOCIAL_WORKER');
    const url = `/api/meetings/${strategy.id}/minutes`;
    const record = {
      sessions: [{ sessionId: strategy.sessions[0].id, method: 'PHONE', reason: 'Same-day discussion' }],
      attendance: [
        { participantId: participantOf(strategy, dir.people.police.id).id, status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: participantOf(strategy, dir.people.healthVisitor.id).id, status: 'DID_NOT_ATTEND' },
      ],
      summary: 'Bruising reported by school.',
      planConsidered: false,
      decisions: [{ text: 'Section 47 enquiry', rationale: 'Reasonable cause to suspect' }],
      outcomes: [{ caseId: child.id, outcome: 'SECTION_47' }],
    };
    const draft = await t.http.put(url).set(chair).send(record).expect(200);
    expect(draft.body.warnings).toContain(
      'No health took part: Working Together expects social work, police and health; record why (agenciesMissingReason)',
    );
    await t.http
      .put(url)
      .set(chair)
      .send({ ...record, agenciesMissingReason: 'Health visitor on leave; GP consulted after' })
      .expect(200);
    // A warning, not a refusal: the discussion happened and its decision stands.
    const submitted = await t.http.post(`${url}/submit`).set(chair).expect(200);
    expect(submitted.body.warnings).toContain(
      'No health took part (Working Together expects social work, police and health): Health visitor on leave; GP consulted after',
    );
    const html = (
      await t.http
        .get(`${url}/record.html`)
        .set(await coordinatorOf(t))
        .expect(200)
    ).text;
    expect(html).toContain('Health visitor on leave; GP consulted after');
  });

  it('refuses at a MARAC what only a conference records, and warns a LAC review whose IRO did not see the child first', async () => {
    const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
    const marac = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-11-30T13:00:00Z', 120)],
      }),
    );
    const refused = await t.http
      .put(`/api/meetings/${marac.id}/minutes`)
      .set(await asChairOf(t, marac))
      .send({ familyViews: { parents: 'x', reportsSharedBeforehand: true } })
      .expect(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'familyViews',
        message: "the family's views is not recorded at a Multi-agency risk assessment conference",
      },
    ]);

    const child = await aCase(t, { enteredCareOn: '2026-11-02' });
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2026-11-26T10:00:00Z', 60)],
      }),
    );
    const iro = await asChairOf(t, review, 'IRO');
    const views = { caseId: child.id, views: 'Likes the new school', obtainedBy: ['CONSULTATION_FORM'] };
    const saved = await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(iro)
      .send({ childViews: [views] })
      .expect(200);
    expect(saved.body.warnings).toEqual([
      `${child.reference}: the IRO Handbook expects the IRO to speak to the child before each review; the record does not say they did`,
    ]);
    const seen = await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(iro)
      .send({ childViews: [{ ...views, obtainedBy: ['SEEN_BY_CHAIR_BEFORE'], seenByChairOn: '2026-11-19' }] })
      .expect(200);
    expect(seen.body.warnings).toEqual([]);
  });
});
