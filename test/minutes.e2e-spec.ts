import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { aBooking, aCase, aSession, Directory, MeetingBody, participantOf, post, seedDirectory } from './support/factories';
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

  const as = async (role: Parameters<TestApp['auth']>[0]) => t.auth(role);

  it('saves, submits, approves, amends and distributes a LAC review record with PN codes', async () => {
    const child = await aCase(t, { enteredCareOn: '2026-11-02' });
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW', caseIds: [child.id], chairId: dir.people.iro.id,
        sessions: [aSession('2026-11-25T10:00:00Z', 60, { label: 'IRO with the young person' }), aSession('2026-11-25T14:00:00Z', 60, { label: 'Review meeting' })],
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
      sessions: [{ sessionId: alone.id, method: 'PHONE', reason: 'The young person asked to speak by phone' }, { sessionId: main.id, method: 'VIDEO' }],
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
      actions: [{ description: 'Refer for CAMHS assessment', ownerPersonId: dir.people.socialWorker.id, dueOn: '2026-12-20', need: 'Emotional wellbeing' }],
      outcomes: [{ caseId: child.id, outcome: 'RECOMMENDATIONS', notes: 'Continue placement; review contact' }],
    };
    const saved = await t.http.put(`/api/meetings/${review.id}/minutes`).set(await as('IRO')).send(record).expect(200);
    expect(saved.body).toMatchObject({ status: 'DRAFT', quorate: null });
    // 25 Nov + 5 working days; + 20 working days (IRO practice)
    expect(saved.body.decisionsDueOn).toBe('2026-12-02');
    expect(saved.body.recordDueOn).toBe('2026-12-23');

    await t.http.post(`/api/meetings/${review.id}/minutes/approve`).set(await as('IRO')).expect(409); // not yet submitted
    await t.http.post(`/api/meetings/${review.id}/minutes/submit`).set(await as('IRO')).expect(200);
    await t.http.post(`/api/meetings/${review.id}/minutes/approve`).set(await as('CHAIR')).expect(403); // the IRO approves a LAC review record
    const approved = await t.http.post(`/api/meetings/${review.id}/minutes/approve`).set(await as('IRO')).expect(200);
    expect(approved.body.status).toBe('APPROVED');

    const edit = await t.http.put(`/api/meetings/${review.id}/minutes`).set(await as('IRO')).send(record).expect(409);
    expect(edit.headers['content-type']).toMatch(/problem\+json/);
    const amended = await t.http
      .post(`/api/meetings/${review.id}/minutes/amendments`)
      .set(await as('IRO'))
      .send({ reason: 'Due date agreed with CAMHS', actions: [{ ...record.actions[0], dueOn: '2027-01-08' }] })
      .expect(201);
    expect(amended.body.amendments).toEqual([expect.objectContaining({ reason: 'Due date agreed with CAMHS', changedFields: ['actions'] })]);
    expect(amended.body.record.actions[0].dueOn).toBe('2027-01-08');

    const distributed = await t.http.post(`/api/meetings/${review.id}/minutes/distribute`).set(await as('IRO')).expect(200);
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

    const html = await t.http.get(`/api/meetings/${review.id}/minutes/record.html`).set(await as('VIEWER')).expect(200);
    expect(html.text).toContain('PN5');
    expect(html.text).toContain('Refer for CAMHS assessment');
    expect(html.text).toContain('Due date agreed with CAMHS');
  });

  it('records a split ICPC with outcomes for two siblings, and refuses to submit an inquorate record without a reason', async () => {
    const older = await aCase(t);
    const younger = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC', caseIds: [older.id, younger.id], chairId: dir.people.chair.id,
        sessions: [aSession('2026-11-26T10:00:00Z', 60, { label: 'Professionals and mother' }), aSession('2026-11-26T12:00:00Z', 60, { label: 'Professionals and father' })],
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
      sessions: icpc.sessions.map((s) => ({ sessionId: s.id, method: 'SEPARATE_CONVERSATIONS' })),
      attendance: [
        { participantId: p(dir.people.socialWorker.id), status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: p(dir.people.police.id), status: 'APOLOGIES', note: 'Report sent' },
        { participantId: p(dir.people.healthVisitor.id), status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: p(dir.people.mother.id), status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: p(dir.people.father.id), status: 'DID_NOT_ATTEND' },
      ],
      summary: 'Both children at continuing risk of significant harm through neglect.',
      planConsidered: true,
      decisions: [{ text: 'Both children to be subject to a child protection plan', rationale: 'Continuing risk of significant harm' }],
      actions: [{ description: 'Core group within 10 working days', ownerPersonId: dir.people.socialWorker.id, dueOn: '2026-12-10', need: 'Deliver the plan' }],
      outcomes: [
        { caseId: older.id, outcome: 'CP_PLAN', category: 'NEGLECT' },
        { caseId: younger.id, outcome: 'CP_PLAN', category: 'MULTIPLE' },
      ],
    };
    await t.http.put(`/api/meetings/${icpc.id}/minutes`).set(await as('CHAIR')).send(record).expect(200);
    const refused = await t.http.post(`/api/meetings/${icpc.id}/minutes/submit`).set(await as('CHAIR')).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('quorum.reasonToProceed');

    const withReason = await t.http.put(`/api/meetings/${icpc.id}/minutes`).set(await as('CHAIR')).send({ ...record, quorum: { reasonToProceed: 'Police report received; delay would harm the children' } }).expect(200);
    expect(withReason.body.quorate).toBe(false);
    expect(withReason.body.quorum.explanation).toMatch(/1 other agency/);
    await t.http.post(`/api/meetings/${icpc.id}/minutes/submit`).set(await as('CHAIR')).expect(200);
    const read = await t.http.get(`/api/meetings/${icpc.id}/minutes`).set(await as('VIEWER')).expect(200);
    expect(read.body.record.outcomes).toHaveLength(2);
  });

  describe('invalid records are 400 problem+json naming the field', () => {
    let strategy: MeetingBody;
    beforeAll(async () => {
      const child = await aCase(t);
      strategy = await post<MeetingBody>(t, '/api/meetings', aBooking({ type: 'STRATEGY', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2026-11-27T09:00:00Z', 45)] }));
    });
    const cases: [string, (m: MeetingBody) => object, string][] = [
      ['a PN code on a non-LAC meeting', () => ({ childParticipation: 'PN1' }), 'childParticipation'],
      ['an action without an owner', () => ({ actions: [{ description: 'Visit', dueOn: '2026-12-01', need: 'Safety' }] }), 'actions[0].ownerPersonId'],
      ['an action without a due date', () => ({ actions: [{ description: 'Visit', ownerPersonId: dir.people.police.id, need: 'Safety' }] }), 'actions[0].dueOn'],
      ['an action without the need it addresses', () => ({ actions: [{ description: 'Visit', ownerPersonId: dir.people.police.id, dueOn: '2026-12-01' }] }), 'actions[0].need'],
      ['an outcome the type does not allow', (m) => ({ outcomes: [{ caseId: m.caseIds[0], outcome: 'CP_PLAN', category: 'NEGLECT' }] }), 'outcomes[0].outcome'],
      ['a decision without its rationale', () => ({ decisions: [{ text: 'Proceed to s47' }] }), 'decisions[0].rationale'],
      ['an unknown method of review', (m) => ({ sessions: [{ sessionId: m.sessions[0].id, method: 'CARRIER_PIGEON' }] }), 'sessions[0].method'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const response = await t.http.put(`/api/meetings/${strategy.id}/minutes`).set(await as('SOCIAL_WORKER')).send(body(strategy)).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  it('sends MARAC minutes to the agencies only', async () => {
    const victim = await aCase(t, { kind: 'ADULT_VICTIM' });
    const marac = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({ type: 'MARAC', caseIds: [victim.id], chairId: dir.people.chair.id, allowOverlap: true, sessions: [aSession('2026-11-30T13:00:00Z', 120)], participants: [{ personId: dir.people.idva.id, role: 'IDVA' }, { personId: dir.people.police.id, role: 'POLICE' }] }),
    );
    const record = {
      sessions: [{ sessionId: marac.sessions[0].id, method: 'VIDEO' }],
      attendance: [{ participantId: participantOf(marac, dir.people.idva.id).id, status: 'ATTENDED', joinedBy: 'VIDEO' }],
      summary: 'Risk remains high.', planConsidered: true, familySummary: 'never sent',
      decisions: [{ text: 'Safety plan agreed', rationale: 'High risk' }],
      actions: [{ description: 'Flag address', ownerPersonId: dir.people.police.id, dueOn: '2026-12-01', need: 'Rapid response' }],
      outcomes: [{ caseId: victim.id, outcome: 'ACTION_PLAN' }],
    };
    await t.http.put(`/api/meetings/${marac.id}/minutes`).set(await as('MARAC_COORDINATOR')).send(record).expect(200);
    await t.http.post(`/api/meetings/${marac.id}/minutes/submit`).set(await as('MARAC_COORDINATOR')).expect(200);
    await t.http.post(`/api/meetings/${marac.id}/minutes/approve`).set(await as('MARAC_COORDINATOR')).expect(200);
    const distributed = await t.http.post(`/api/meetings/${marac.id}/minutes/distribute`).set(await as('MARAC_COORDINATOR')).expect(200);
    expect(distributed.body.distributedTo).toHaveLength(3);
    expect(distributed.body.withheldFrom).toHaveLength(0);
  });
});

describe('the record’s timeliness', () => {
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
      await post<MeetingBody>(t, '/api/meetings', aBooking({ type: 'CORE_GROUP', caseIds: [child.id], chairId: dir.people.socialWorker.id, sessions: [aSession('2026-12-02T10:00:00Z', 60)] }));
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
      expect(smtp.messages.map((m) => [m.envelopeTo[0], m.parsed.subject])).toEqual([[dir.people.socialWorker.email, expect.stringMatching(/^Record due Wednesday 16 December 2026: Core group/)]]);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
