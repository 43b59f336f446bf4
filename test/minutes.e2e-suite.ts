import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import {
  aBooking,
  aCase,
  aSession,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
} from './support/factories';
import { contentFor } from './support/records';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

describe('minutes', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /**
   * Each role as the person who holds it in these meetings (issue 16: the record belongs to the chair): the IRO
   * chairs the reviews, the conference chair the conferences, the social worker the meetings they chair. A
   * coordinator reads what they coordinate; the service manager (an administrator) approves what others wrote.
   */
  const as = async (role: Parameters<TestApp['auth']>[0]) => {
    const person = { IRO: dir.people.iro, CHAIR: dir.people.chair, SOCIAL_WORKER: dir.people.socialWorker }[
      role as string
    ];
    return t.auth(role, person ? { id: person.id } : { name: role === 'ADMIN' ? 'Service manager' : undefined });
  };

  it('saves, submits, approves, amends and distributes a LAC review record with PN codes', async () => {
    const child = await aCase(t, { enteredCareOn: '2026-11-02' });
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [
          aSession('2026-11-25T10:00:00Z', 60, { label: 'IRO with the young person' }),
          aSession('2026-11-25T14:00:00Z', 60, { label: 'Review meeting' }),
        ],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER', sessions: [1] },
          { personId: dir.people.teacher.id, role: 'EDUCATION', sessions: [1] },
          { personId: dir.people.mother.id, role: 'PARENT', sessions: [1] },
        ],
      }),
    );
    const [alone, main] = review.sessions;
    const sw = participantOf(review, dir.people.socialWorker.id);
    const mother = participantOf(review, dir.people.mother.id);
    const record = {
      ...contentFor(review, 'RECOMMENDATIONS'),
      sessions: [
        { sessionId: alone.id, method: 'PHONE', reason: 'The young person asked to speak by phone' },
        { sessionId: main.id, method: 'VIDEO' },
      ],
      attendance: [
        { participantId: sw.id, status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: participantOf(review, dir.people.teacher.id).id, status: 'REPORT_ONLY' },
        { participantId: mother.id, status: 'ATTENDED', joinedBy: 'PHONE' },
      ],
      childParticipation: 'PN5',
      summary: 'Placement stable; school attendance improved.',
      familySummary: 'The placement is going well and school attendance is better.',
      planConsidered: true,
      decisions: [{ text: 'The care plan continues', rationale: 'Placement meets assessed needs' }],
      actions: [
        {
          description: 'Refer for CAMHS assessment',
          ownerPersonId: dir.people.socialWorker.id,
          dueOn: '2026-12-20',
          need: 'Emotional wellbeing',
        },
      ],
      outcomes: [{ caseId: child.id, outcome: 'RECOMMENDATIONS', notes: 'Continue placement; review contact' }],
    };
    const saved = await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(await as('IRO'))
      .send(record)
      .expect(200);
    expect(saved.body).toMatchObject({ status: 'DRAFT', quorate: null });
    // 25 Nov + 5 working days; + 20 working days (IRO practice)
    expect(saved.body.decisionsDueOn).toBe('2026-12-02');
    expect(saved.body.recordDueOn).toBe('2026-12-23');
    // The first review (Wed 25 Nov) makes the second due within 3 months (reg 33(2)): Thu 25 Feb 2027.
    expect(saved.body.nextDueOn).toBe('2027-02-25');
    expect(saved.body.nextMeetings).toEqual([expect.objectContaining({ type: 'LAC_REVIEW', dueBy: '2027-02-25' })]);

    await t.http
      .post(`/api/meetings/${review.id}/minutes/approve`)
      .set(await as('IRO'))
      .expect(409); // not yet submitted
    await t.http
      .post(`/api/meetings/${review.id}/minutes/submit`)
      .set(await as('IRO'))
      .expect(200);
    await t.http
      .post(`/api/meetings/${review.id}/minutes/approve`)
      .set(await as('SOCIAL_WORKER'))
      .expect(403); // the IRO approves a LAC review record
    await t.http
      .post(`/api/meetings/${review.id}/minutes/approve`)
      .set(await as('IRO'))
      .expect(403); // …but not the IRO who wrote it
    const approved = await t.http
      .post(`/api/meetings/${review.id}/minutes/approve`)
      .set(await as('ADMIN'))
      .expect(200);
    expect(approved.body.status).toBe('APPROVED');

    const edit = await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(await as('IRO'))
      .send(record)
      .expect(409);
    expect(edit.headers['content-type']).toMatch(/problem\+json/);
    const amended = await t.http
      .post(`/api/meetings/${review.id}/minutes/amendments`)
      .set(await as('IRO'))
      .send({ reason: 'Due date agreed with CAMHS', actions: [{ ...record.actions[0], dueOn: '2027-01-08' }] })
      .expect(201);
    expect(amended.body.amendments).toEqual([
      expect.objectContaining({ reason: 'Due date agreed with CAMHS', changedFields: ['actions'] }),
    ]);
    expect(amended.body.record.actions[0].dueOn).toBe('2027-01-08');
    // An amended record goes back for approval before it goes out.
    expect(amended.body.status).toBe('SUBMITTED');
    await t.http
      .post(`/api/meetings/${review.id}/minutes/distribute`)
      .set(await as('IRO'))
      .expect(409);
    await t.http
      .post(`/api/meetings/${review.id}/minutes/approve`)
      .set(await as('ADMIN'))
      .expect(200);

    const distributed = await t.http
      .post(`/api/meetings/${review.id}/minutes/distribute`)
      .set(await as('IRO'))
      .expect(200);
    expect(distributed.body.status).toBe('DISTRIBUTED');
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    const minutesMail = smtp.messages.filter((m) => /^Record:/.test(m.parsed.subject ?? ''));
    expect(minutesMail.map((m) => m.envelopeTo[0]).sort()).toEqual(
      [dir.people.iro.email, dir.people.socialWorker.email, dir.people.teacher.email, dir.people.mother.email].sort(),
    );
    // The mother reads the version marked for the family.
    const motherMail = minutesMail.find((m) => m.envelopeTo[0] === dir.people.mother.email)!;
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]+\/minutes/.exec(motherMail.parsed.text ?? '')![0];
    const page = await t.http.get(new URL(link).pathname).expect(200);
    expect(page.text).toContain('The placement is going well');
    expect(page.text).not.toContain('Placement stable; school attendance improved.');

    const html = await t.http
      .get(`/api/meetings/${review.id}/minutes/record.html`)
      .set(await as('COORDINATOR'))
      .expect(200);
    expect(html.text).toContain('PN5');
    expect(html.text).toContain('Refer for CAMHS assessment');
    expect(html.text).toContain('Due date agreed with CAMHS');
    expect(html.text).toContain('Looked-after child review by Thursday 25 February 2027');
  });

  it('records a split ICPC with outcomes for two siblings, and refuses to submit an inquorate record without a reason', async () => {
    const older = await aCase(t);
    const younger = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [older.id, younger.id],
        chairId: dir.people.chair.id,
        sessions: [
          aSession('2026-11-26T10:00:00Z', 60, { label: 'Professionals and mother' }),
          aSession('2026-11-26T12:00:00Z', 60, { label: 'Professionals and father' }),
        ],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          { personId: dir.people.mother.id, role: 'PARENT', sessions: [0] },
          { personId: dir.people.father.id, role: 'PARENT', sessions: [1] },
        ],
      }),
    );
    const p = (personId: string) => participantOf(icpc, personId).id;
    const record = {
      ...contentFor(icpc, 'CP_PLAN'),
      sessions: icpc.sessions.map((s) => ({ sessionId: s.id, method: 'SEPARATE_CONVERSATIONS' })),
      attendance: [
        { participantId: p(dir.people.socialWorker.id), status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: p(dir.people.police.id), status: 'APOLOGIES', note: 'Report sent' },
        { participantId: p(dir.people.healthVisitor.id), status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: p(dir.people.mother.id), status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: p(dir.people.father.id), status: 'DID_NOT_ATTEND' },
      ],
      summary: 'Both children at continuing risk of significant harm through neglect.',
      familySummary: 'The children will have a child protection plan.', // parents took part: never left off in silence (issue 17)
      planConsidered: true,
      decisions: [
        {
          text: 'Both children to be subject to a child protection plan',
          rationale: 'Continuing risk of significant harm',
        },
      ],
      actions: [
        {
          description: 'Core group within 10 working days',
          ownerPersonId: dir.people.socialWorker.id,
          dueOn: '2026-12-10',
          need: 'Deliver the plan',
        },
      ],
      outcomes: [
        { caseId: older.id, outcome: 'CP_PLAN', category: 'NEGLECT' },
        { caseId: younger.id, outcome: 'CP_PLAN', category: 'MULTIPLE' },
      ],
    };
    const draft = await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await as('CHAIR'))
      .send(record)
      .expect(200);
    // ICPC Thu 26 Nov with a plan: first core group within 10 working days (Thu 10 Dec), first RCPC within 3 months (Fri 26 Feb 2027).
    expect(draft.body.nextDueOn).toBe('2026-12-10');
    expect(draft.body.nextMeetings).toEqual([
      expect.objectContaining({ type: 'CORE_GROUP', dueBy: '2026-12-10' }),
      expect.objectContaining({ type: 'RCPC', dueBy: '2027-02-26' }),
    ]);
    const noPlan = await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await as('CHAIR'))
      .send({
        ...record,
        outcomes: [
          { caseId: older.id, outcome: 'NO_CP_PLAN' },
          { caseId: younger.id, outcome: 'NO_CP_PLAN' },
        ],
      })
      .expect(200);
    // Outcomes count from submission (README "Rules"), here as in next-due: the draft's NO_CP_PLAN changes nothing yet.
    expect(noPlan.body).toMatchObject({ nextDueOn: '2026-12-10', nextMeetings: draft.body.nextMeetings });
    await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await as('CHAIR'))
      .send(record)
      .expect(200);
    const refused = await t.http
      .post(`/api/meetings/${icpc.id}/minutes/submit`)
      .set(await as('CHAIR'))
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('quorum.reasonToProceed');

    const withReason = await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await as('CHAIR'))
      .send({ ...record, quorum: { reasonToProceed: 'Police report received; delay would harm the children' } })
      .expect(200);
    expect(withReason.body.quorate).toBe(false);
    expect(withReason.body.quorum.explanation).toMatch(/1 other agency/);
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/submit`)
      .set(await as('CHAIR'))
      .expect(200);
    const read = await t.http
      .get(`/api/meetings/${icpc.id}/minutes`)
      .set(await as('COORDINATOR'))
      .expect(200);
    expect(read.body.record.outcomes).toHaveLength(2);
    expect(read.body.nextDueOn).toBe('2026-12-10');
    const html = await t.http
      .get(`/api/meetings/${icpc.id}/minutes/record.html`)
      .set(await as('COORDINATOR'))
      .expect(200);
    expect(html.text).toContain('Core group meeting by Thursday 10 December 2026');
    expect(html.text).toContain('Review child protection conference by Friday 26 February 2027');
  });

  it('requires a PN code for each child of a sibling LAC review, and proposes the next review from the earliest sibling', async () => {
    const newlyInCare = await aCase(t, { enteredCareOn: '2026-11-02' });
    const longerInCare = await aCase(t, { enteredCareOn: '2026-06-01' });
    // The older sibling's own (second) review the day before: their next one after the joint review is 6 months on.
    await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [longerInCare.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2026-11-24T10:00:00Z', 60)],
      }),
    );
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [newlyInCare.id, longerInCare.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2026-11-25T15:30:00Z', 60)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      }),
    );
    const record = {
      ...contentFor(review, 'RECOMMENDATIONS'),
      sessions: [{ sessionId: review.sessions[0].id, method: 'IN_PERSON' }],
      attendance: [
        {
          participantId: participantOf(review, dir.people.socialWorker.id).id,
          status: 'ATTENDED',
          joinedBy: 'IN_PERSON',
        },
      ],
      childParticipationByCase: [{ caseId: newlyInCare.id, code: 'PN1' }],
      summary: 'Both placements stable.',
      planConsidered: true,
      decisions: [{ text: 'Care plans continue', rationale: 'Needs met' }],
      outcomes: [
        { caseId: newlyInCare.id, outcome: 'RECOMMENDATIONS' },
        { caseId: longerInCare.id, outcome: 'RECOMMENDATIONS' },
      ],
    };
    const saved = await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(await as('IRO'))
      .send(record)
      .expect(200); // a draft may leave it out
    // Earliest across the siblings: the newly looked-after child's second review, 3 months on (Thu 25 Feb 2027),
    // before the older sibling's next, 6 months on (Tue 25 May 2027).
    expect(saved.body.nextDueOn).toBe('2027-02-25');
    expect(saved.body.nextMeetings).toEqual([expect.objectContaining({ type: 'LAC_REVIEW', dueBy: '2027-02-25' })]);

    const refused = await t.http
      .post(`/api/meetings/${review.id}/minutes/submit`)
      .set(await as('IRO'))
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      { field: 'childParticipationByCase', message: expect.stringContaining(longerInCare.id) },
    ]);

    const duplicate = await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(await as('IRO'))
      .send({
        ...record,
        childParticipationByCase: [
          { caseId: newlyInCare.id, code: 'PN1' },
          { caseId: newlyInCare.id, code: 'PN7' },
        ],
      })
      .expect(400);
    expect(duplicate.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'childParticipationByCase[1].caseId',
    ]);

    await t.http
      .put(`/api/meetings/${review.id}/minutes`)
      .set(await as('IRO'))
      .send({
        ...record,
        childParticipationByCase: [
          { caseId: newlyInCare.id, code: 'PN1' },
          { caseId: longerInCare.id, code: 'PN5' },
        ],
      })
      .expect(200);
    await t.http
      .post(`/api/meetings/${review.id}/minutes/submit`)
      .set(await as('IRO'))
      .expect(200);

    // A third sibling joins the meeting after submission: approval needs their code too.
    const third = await aCase(t, { enteredCareOn: '2026-11-02' });
    await t.dataSource.query(`INSERT INTO meeting_cases (meeting_id, case_id, position) VALUES ($1, $2, 2)`, [
      review.id,
      third.id,
    ]);
    const notApproved = await t.http
      .post(`/api/meetings/${review.id}/minutes/approve`)
      .set(await as('ADMIN'))
      .expect(400);
    expect(notApproved.body.errors).toEqual(
      expect.arrayContaining([{ field: 'childParticipationByCase', message: expect.stringContaining(third.id) }]),
    );
  });

  it('warns when a case’s second conference in a row is not quorate', async () => {
    const child = await aCase(t);
    const conference = async (type: 'ICPC' | 'RCPC', startsAt: string, attended: string[]) => {
      const meeting = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type,
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          allowOverlap: true,
          sessions: [aSession(startsAt, 60)],
          participants: [
            { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
            { personId: dir.people.police.id, role: 'POLICE' },
            { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          ],
        }),
      );
      const attendance = meeting.participants
        .filter((x) => !x.isChair)
        .map((x) => ({
          participantId: x.id,
          status: attended.includes(x.personId) ? 'ATTENDED' : 'APOLOGIES',
          ...(attended.includes(x.personId) ? { joinedBy: 'VIDEO' } : {}),
        }));
      const saved = await t.http
        .put(`/api/meetings/${meeting.id}/minutes`)
        .set(await as('CHAIR'))
        .send({ attendance, summary: 'Draft' })
        .expect(200);
      return saved.body as { quorate: boolean; warnings: string[] };
    };
    const everyone = [dir.people.socialWorker.id, dir.people.police.id, dir.people.healthVisitor.id];
    const fewer = [dir.people.socialWorker.id, dir.people.police.id];

    const first = await conference('ICPC', '2027-02-01T10:00:00Z', fewer);
    expect(first.quorate).toBe(false);
    expect(first.warnings.join(' ')).not.toMatch(/in a row/);
    const second = await conference('RCPC', '2027-05-03T10:00:00Z', fewer);
    expect(second.quorate).toBe(false);
    expect(second.warnings).toContain(
      `${child.reference}: a second inquorate conference in a row; record why it went ahead (local procedures allow it only pre-birth or where too few agencies are involved)`,
    );
    const third = await conference('RCPC', '2027-11-01T10:00:00Z', everyone);
    expect(third.quorate).toBe(true);
    expect(third.warnings.join(' ')).not.toMatch(/in a row/);
  });

  it('points out a part held remotely without the reason why', async () => {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CIN_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        allowOverlap: true,
        sessions: [aSession('2027-03-01T10:00:00Z', 60), aSession('2027-03-01T12:00:00Z', 60)],
      }),
    );
    const record = (reason?: string) => ({
      sessions: [
        { sessionId: meeting.sessions[0].id, method: 'IN_PERSON' },
        { sessionId: meeting.sessions[1].id, method: 'PHONE', ...(reason ? { reason } : {}) },
      ],
    });
    const without = await t.http
      .put(`/api/meetings/${meeting.id}/minutes`)
      .set(await as('SOCIAL_WORKER'))
      .send(record())
      .expect(200);
    expect(without.body.warnings).toEqual(['Part 2 was held by phone: record why a remote method was used']);
    const withReason = await t.http
      .put(`/api/meetings/${meeting.id}/minutes`)
      .set(await as('SOCIAL_WORKER'))
      .send(record('Father works offshore'))
      .expect(200);
    expect(withReason.body.warnings).toEqual([]);
  });

  describe('invalid records are 400 problem+json naming the field', () => {
    let strategy: MeetingBody;
    beforeAll(async () => {
      const child = await aCase(t);
      strategy = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'STRATEGY',
          caseIds: [child.id],
          chairId: dir.people.socialWorker.id,
          sessions: [aSession('2026-11-27T09:00:00Z', 45)],
        }),
      );
    });
    const cases: [string, (m: MeetingBody) => object, string][] = [
      ['a PN code on a non-LAC meeting', () => ({ childParticipation: 'PN1' }), 'childParticipation'],
      [
        'an action without an owner',
        () => ({ actions: [{ description: 'Visit', dueOn: '2026-12-01', need: 'Safety' }] }),
        'actions[0].ownerPersonId',
      ],
      [
        'an action without a due date',
        () => ({ actions: [{ description: 'Visit', ownerPersonId: dir.people.police.id, need: 'Safety' }] }),
        'actions[0].dueOn',
      ],
      [
        'an action without the need it addresses',
        () => ({ actions: [{ description: 'Visit', ownerPersonId: dir.people.police.id, dueOn: '2026-12-01' }] }),
        'actions[0].need',
      ],
      [
        'an outcome the type does not allow',
        (m) => ({ outcomes: [{ caseId: m.caseIds[0], outcome: 'CP_PLAN', category: 'NEGLECT' }] }),
        'outcomes[0].outcome',
      ],
      [
        'a decision without its rationale',
        () => ({ decisions: [{ text: 'Proceed to s47' }] }),
        'decisions[0].rationale',
      ],
      [
        'an unknown method of review',
        (m) => ({ sessions: [{ sessionId: m.sessions[0].id, method: 'CARRIER_PIGEON' }] }),
        'sessions[0].method',
      ],
      [
        'a decision taken on 30 February',
        () => ({ decisions: [{ text: 'Proceed to s47', rationale: 'Risk', decidedAt: '2026-02-30T10:00:00Z' }] }),
        'decisions[0].decidedAt',
      ],
      [
        'a decision taken at 24:30',
        () => ({ decisions: [{ text: 'Proceed to s47', rationale: 'Risk', decidedAt: '2026-11-27T24:30:00Z' }] }),
        'decisions[0].decidedAt',
      ],
      [
        'an action due on 31 November',
        () => ({
          actions: [{ description: 'Visit', ownerPersonId: dir.people.police.id, dueOn: '2026-11-31', need: 'Safety' }],
        }),
        'actions[0].dueOn',
      ],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const response = await t.http
        .put(`/api/meetings/${strategy.id}/minutes`)
        .set(await as('SOCIAL_WORKER'))
        .send(body(strategy))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('an unknown id in a draft is refused at save with 422 problem+json naming the field', () => {
    let strategy: MeetingBody;
    beforeAll(async () => {
      const child = await aCase(t);
      strategy = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'STRATEGY',
          caseIds: [child.id],
          chairId: dir.people.socialWorker.id,
          sessions: [aSession('2026-11-27T11:00:00Z', 45)],
          participants: [{ personId: dir.people.police.id, role: 'POLICE' }],
        }),
      );
    });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, (m: MeetingBody) => object, string][] = [
      [
        'an action owner who is not in the directory',
        () => ({ actions: [{ description: 'Visit', ownerPersonId: unknown, dueOn: '2026-12-01', need: 'Safety' }] }),
        'actions[0].ownerPersonId',
      ],
      [
        'attendance of someone who is not a participant',
        () => ({ attendance: [{ participantId: unknown, status: 'APOLOGIES' }] }),
        'attendance[0].participantId',
      ],
      [
        'an outcome for a case not of this meeting',
        () => ({ outcomes: [{ caseId: unknown, outcome: 'SECTION_47' }] }),
        'outcomes[0].caseId',
      ],
      [
        'a method for a session not of this meeting',
        () => ({ sessions: [{ sessionId: unknown, method: 'VIDEO' }] }),
        'sessions[0].sessionId',
      ],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const response = await t.http
        .put(`/api/meetings/${strategy.id}/minutes`)
        .set(await as('SOCIAL_WORKER'))
        .send(body(strategy))
        .expect(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });
    it('stores nothing when it refuses', async () => {
      await t.http
        .get(`/api/meetings/${strategy.id}/minutes`)
        .set(await as('COORDINATOR'))
        .expect(404);
    });
  });

  it('refuses every change to the record of a cancelled meeting with 409 problem+json', async () => {
    const strategyWith = async (startsAt: string) => {
      const child = await aCase(t);
      const meeting = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'STRATEGY',
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          sessions: [aSession(startsAt, 45)],
          participants: [{ personId: dir.people.police.id, role: 'POLICE' }],
        }),
      );
      const record = {
        sessions: [{ sessionId: meeting.sessions[0].id, method: 'PHONE' }],
        attendance: [
          { participantId: participantOf(meeting, dir.people.police.id).id, status: 'ATTENDED', joinedBy: 'PHONE' },
        ],
        summary: 'Threshold met.',
        planConsidered: false,
        decisions: [{ text: 'Section 47 enquiry', rationale: 'Reasonable cause to suspect significant harm' }],
        outcomes: [{ caseId: child.id, outcome: 'SECTION_47' }],
      };
      await t.http
        .put(`/api/meetings/${meeting.id}/minutes`)
        .set(await as('CHAIR'))
        .send(record)
        .expect(200);
      return { meeting, record };
    };
    const cancel = async (m: MeetingBody) =>
      t.http
        .post(`/api/meetings/${m.id}/cancel`)
        .set(await as('CHAIR'))
        .send({ reason: 'Booked in error' })
        .expect(200);
    const expect409 = (response: { headers: Record<string, string> }) =>
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);

    const draft = await strategyWith('2026-11-27T13:00:00Z');
    const submitted = await strategyWith('2026-11-27T14:00:00Z');
    const approved = await strategyWith('2026-11-27T15:00:00Z');
    await t.http
      .post(`/api/meetings/${submitted.meeting.id}/minutes/submit`)
      .set(await as('CHAIR'))
      .expect(200);
    await t.http
      .post(`/api/meetings/${approved.meeting.id}/minutes/submit`)
      .set(await as('CHAIR'))
      .expect(200);
    await t.http
      .post(`/api/meetings/${approved.meeting.id}/minutes/approve`)
      .set(await as('ADMIN'))
      .expect(200);
    for (const m of [draft, submitted, approved]) await cancel(m.meeting);

    expect409(
      await t.http
        .put(`/api/meetings/${draft.meeting.id}/minutes`)
        .set(await as('CHAIR'))
        .send(draft.record)
        .expect(409),
    );
    expect409(
      await t.http
        .post(`/api/meetings/${draft.meeting.id}/minutes/submit`)
        .set(await as('CHAIR'))
        .expect(409),
    );
    expect409(
      await t.http
        .post(`/api/meetings/${submitted.meeting.id}/minutes/approve`)
        .set(await as('ADMIN'))
        .expect(409),
    );
    expect409(
      await t.http
        .post(`/api/meetings/${approved.meeting.id}/minutes/amendments`)
        .set(await as('CHAIR'))
        .send({ reason: 'Typo', summary: 'Threshold met (s47).' })
        .expect(409),
    );
    expect409(
      await t.http
        .post(`/api/meetings/${approved.meeting.id}/minutes/distribute`)
        .set(await as('CHAIR'))
        .expect(409),
    );
    const unchanged = await t.http
      .get(`/api/meetings/${draft.meeting.id}/minutes`)
      .set(await as('COORDINATOR'))
      .expect(200);
    expect(unchanged.body.status).toBe('DRAFT');
    const stillApproved = await t.http
      .get(`/api/meetings/${approved.meeting.id}/minutes`)
      .set(await as('COORDINATOR'))
      .expect(200);
    expect(stillApproved.body).toMatchObject({ status: 'APPROVED', amendments: [] });
  });

  it('sends MARAC minutes to the agencies only', async () => {
    const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
    const marac = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: [victim.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-30T13:00:00Z', 120)],
        participants: [
          { personId: dir.people.idva.id, role: 'IDVA' },
          { personId: dir.people.police.id, role: 'POLICE' },
        ],
      }),
    );
    // A booking refuses a family member at a MARAC (booking.e2e-suite.ts). Put one there behind the API's back, as a
    // rules change or an import could: distribution must still withhold the record from them.
    const [{ id: stray }] = await t.dataSource.query(
      `INSERT INTO participants (id, meeting_id, person_id, role, is_chair, session_ids, report_required, rsvp, link_nonce, link_token_hash, link_expires_at)
       VALUES (gen_random_uuid(), $1, $2, 'PARENT', false, ARRAY[$3]::uuid[], false, 'NEEDS_ACTION', 'n', md5(random()::text), $4) RETURNING id`,
      [marac.id, dir.people.mother.id, marac.sessions[0].id, new Date('2027-01-01T00:00:00Z')],
    );
    await t.get<DeliveryWorker>(DeliveryWorker).drain(); // the invites, out of the way
    smtp.clear();
    const record = {
      sessions: [{ sessionId: marac.sessions[0].id, method: 'VIDEO' }],
      // Every invitee accounted for (issue 22), the stray family member included.
      attendance: [
        { participantId: participantOf(marac, dir.people.idva.id).id, status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: participantOf(marac, dir.people.police.id).id, status: 'APOLOGIES' },
        { participantId: stray, status: 'DID_NOT_ATTEND' },
      ],
      summary: 'Risk remains high.',
      planConsidered: true,
      familySummary: 'never sent',
      decisions: [{ text: 'Safety plan agreed', rationale: 'High risk' }],
      actions: [
        {
          description: 'Flag address',
          ownerPersonId: dir.people.police.id,
          dueOn: '2026-12-01',
          need: 'Rapid response',
        },
      ],
      outcomes: [{ caseId: victim.id, outcome: 'ACTION_PLAN' }],
      referrals: [
        {
          caseId: victim.id,
          referringAgencyId: dir.agencies.police,
          criteria: 'PROFESSIONAL_JUDGEMENT',
          childrenInHousehold: 0,
        },
      ],
    };
    await t.http
      .put(`/api/meetings/${marac.id}/minutes`)
      .set(await as('CHAIR'))
      .send(record)
      .expect(200);
    await t.http
      .post(`/api/meetings/${marac.id}/minutes/submit`)
      .set(await as('CHAIR'))
      .expect(200);
    await t.http
      .post(`/api/meetings/${marac.id}/minutes/approve`)
      .set(await as('MARAC_COORDINATOR'))
      .expect(200);
    const distributed = await t.http
      .post(`/api/meetings/${marac.id}/minutes/distribute`)
      .set(await as('MARAC_COORDINATOR'))
      .expect(200);
    const agencies = [dir.people.chair.id, dir.people.idva.id, dir.people.police.id].map(
      (personId) => participantOf(marac, personId).id,
    );
    expect([...distributed.body.distributedTo].sort()).toEqual([...agencies].sort());
    expect(distributed.body.withheldFrom).toEqual([stray]);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    // The record, and the decision letter sent at submission (issue 22): each to the agencies only.
    for (const subject of [/^Record: /, /^Decisions: /])
      expect(
        smtp.messages
          .filter((m) => subject.test(m.parsed.subject ?? ''))
          .map((m) => m.envelopeTo[0])
          .sort(),
      ).toEqual([dir.people.chair.email, dir.people.idva.email, dir.people.police.email].sort());
    expect(smtp.messages).toHaveLength(6);
    for (const mail of smtp.messages) expect(mail.parsed.text).not.toContain('never sent');
  });
});

describe('the record’s timeliness', () => {
  it('counts the record’s deadlines on the local calendar: the council’s closure days do not count', async () => {
    const t = await startTestApp({ CLOSURE_DAYS: '2026-12-29,2026-12-30,2026-12-31' });
    try {
      const dir = await seedDirectory(t);
      const child = await aCase(t);
      // An ICPC on Thu 24 Dec: its decisions are due 1 working day later. 25 Dec, the weekend and the Boxing Day
      // substitute (28 Dec) are bank holidays; 29–31 Dec the council is closed; 1 Jan is New Year's Day: Mon 4 Jan.
      const icpc = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'ICPC',
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          sessions: [aSession('2026-12-24T10:00:00Z', 60)],
        }),
      );
      const saved = await t.http
        .put(`/api/meetings/${icpc.id}/minutes`)
        .set(await t.auth('CHAIR', { id: dir.people.chair.id }))
        .send({ summary: 'Draft' })
        .expect(200);
      expect(saved.body.decisionsDueOn).toBe('2027-01-04');
      // The statutory clock does not stop for closures (DOMAIN.md §5): the first core group is due 10 working days
      // after the ICPC on the statutory calendar (29–31 Dec, 4–8 Jan, 11–12 Jan), not on 15 Jan.
      expect(saved.body.nextMeetings).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'CORE_GROUP', dueBy: '2027-01-12' })]),
      );
    } finally {
      await t.close();
    }
  });

  it('reminds the chair once, two working days before the record falls due', async () => {
    const { FixedClock } = await import('../src/time/clock');
    const { RecordTimelinessSweeper } = await import('../src/minutes/record-timeliness-sweeper');
    const smtp = await TestSmtpServer.start();
    const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
    const t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    try {
      const dir = await seedDirectory(t);
      const child = await aCase(t);
      // A core group on Wed 2 Dec: its full record is due 10 working days later, Wed 16 Dec.
      await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'CORE_GROUP',
          caseIds: [child.id],
          chairId: dir.people.socialWorker.id,
          sessions: [aSession('2026-12-02T10:00:00Z', 60)],
        }),
      );
      const sweeper = t.get<InstanceType<typeof RecordTimelinessSweeper>>(RecordTimelinessSweeper);
      const worker = t.get<DeliveryWorker>(DeliveryWorker);
      await worker.drain();
      smtp.clear();

      clock.set(new Date('2026-12-10T09:00:00Z')); // 4 working days before: nothing yet
      await sweeper.sweep();
      await worker.drain();
      expect(smtp.messages).toHaveLength(0);

      clock.set(new Date('2026-12-14T09:00:00Z')); // 2 working days before
      await sweeper.sweep();
      await sweeper.sweep();
      await worker.drain();
      expect(smtp.messages.map((m) => [m.envelopeTo[0], m.parsed.subject])).toEqual([
        [dir.people.socialWorker.email, expect.stringMatching(/^Record due Wednesday 16 December 2026: Core group/)],
      ]);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('reminds the IRO once, the working day before the decisions fall due, while none are recorded', async () => {
    const { FixedClock } = await import('../src/time/clock');
    const { RecordTimelinessSweeper } = await import('../src/minutes/record-timeliness-sweeper');
    const smtp = await TestSmtpServer.start();
    const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
    const t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    try {
      const dir = await seedDirectory(t);
      // Two LAC reviews on Wed 2 Dec: decisions due 5 working days later, Wed 9 Dec (the full record not until 4 Jan).
      const undecided = await aCase(t, { enteredCareOn: '2026-11-09' });
      const decided = await aCase(t, { enteredCareOn: '2026-11-09' });
      const review = (caseId: string, startsAt: string) =>
        post<MeetingBody>(
          t,
          '/api/meetings',
          aBooking({
            type: 'LAC_REVIEW',
            caseIds: [caseId],
            chairId: dir.people.iro.id,
            sessions: [aSession(startsAt, 60)],
          }),
        );
      await review(undecided.id, '2026-12-02T10:00:00Z');
      const withDecisions = await review(decided.id, '2026-12-02T14:00:00Z');
      const sweeper = t.get<InstanceType<typeof RecordTimelinessSweeper>>(RecordTimelinessSweeper);
      const worker = t.get<DeliveryWorker>(DeliveryWorker);
      clock.set(new Date('2026-12-03T09:00:00Z'));
      await t.http
        .put(`/api/meetings/${withDecisions.id}/minutes`)
        .set(await t.auth('IRO', { id: dir.people.iro.id }))
        .send({ decisions: [{ text: 'Care plan continues', rationale: 'Needs met' }], decisionsFinal: true })
        .expect(200);
      await worker.drain();
      smtp.clear();

      clock.set(new Date('2026-12-07T09:00:00Z')); // Mon: 2 working days before, nothing yet
      await sweeper.sweep();
      await worker.drain();
      expect(smtp.messages).toHaveLength(0);

      clock.set(new Date('2026-12-08T09:00:00Z')); // Tue: the working day before
      await sweeper.sweep();
      await sweeper.sweep();
      clock.set(new Date('2026-12-09T09:00:00Z')); // Wed: the day itself, already reminded
      await sweeper.sweep();
      await worker.drain();
      expect(smtp.messages.map((m) => [m.envelopeTo[0], m.parsed.subject])).toEqual([
        [dir.people.iro.email, expect.stringMatching(/^Decisions due Wednesday 9 December 2026: LAC review/)],
      ]);
      expect(smtp.messages[0].parsed.text).toContain('have not been made known yet');

      smtp.clear();
      clock.set(new Date('2026-12-10T09:00:00Z')); // late: the record reminder covers it, not another one about decisions
      await sweeper.sweep();
      await worker.drain();
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
