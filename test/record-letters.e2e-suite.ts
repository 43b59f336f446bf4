import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { FixedClock } from '../src/time/clock';
import {
  aBooking,
  aCase,
  aSession,
  coordinatorOf,
  Directory,
  MeetingBody,
  post,
  seedDirectory,
} from './support/factories';
import { asChairOf } from './support/records';
import { ReceivedMail, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 22 "Distribution": those named for distribution only (an absent GP) receive the professionals' record; the
 * decision letter goes to the invitees once the decisions are final, within one working day, each family their own
 * children's part; the due list says when it is late.
 */
describe('the record letters', () => {
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  let gp: { id: string; email: string };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    dir = await seedDirectory(t);
    const surgery = await post<{ id: string }>(t, '/api/agencies', { name: 'Riverside Surgery', kind: 'HEALTH' });
    gp = await post(t, '/api/people', {
      name: 'Dr Gita Practitioner',
      email: 'gp@surgery.example',
      kind: 'PROFESSIONAL',
      agencyId: surgery.id,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const drain = () => t.get<DeliveryWorker>(DeliveryWorker).drain();
  const subjects = (address: string, pattern: RegExp): ReceivedMail[] =>
    smtp.to(address).filter((m) => pattern.test(m.parsed.subject ?? ''));
  const everything = (m: ReceivedMail) => `${m.parsed.subject}\n${m.parsed.text}\n${m.parsed.html}`;

  /** Two siblings with different fathers' parts: the mother is parent to both, the father to the older child only. */
  async function siblingConference() {
    const older = await aCase(t);
    const younger = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [older.id, younger.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-26T10:00:00Z', 60)],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: dir.people.father.id, role: 'PARENT', caseIds: [older.id] },
        ],
      }),
    );
    const attended = icpc.participants.map((p) => ({ participantId: p.id, status: 'ATTENDED', joinedBy: 'VIDEO' }));
    const record = {
      sessions: icpc.sessions.map((s) => ({ sessionId: s.id, method: 'VIDEO', reason: 'The family asked' })),
      attendance: attended,
      childViews: [older, younger].map((c) => ({ caseId: c.id, views: 'Views', obtainedBy: ['SOCIAL_WORKER'] })),
      familyViews: { parents: 'Parents accept the plan', reportsSharedBeforehand: true },
      plan: {
        leadPractitionerPersonId: dir.people.socialWorker.id,
        coreGroupPersonIds: [dir.people.socialWorker.id],
        firstCoreGroupOn: '2026-12-08',
        reviewConferenceOn: '2027-02-22',
        shareWithFamily: true,
      },
      summary: 'Professionals-only summary: police intelligence on the father.',
      familySummary: 'The children will have a child protection plan.',
      planConsidered: true,
      decisions: [
        { text: 'Both children to be subject to a plan', rationale: 'Three call-outs', shareWithFamily: true },
        { text: 'Refer to MARAC', rationale: 'High risk DASH score' },
      ],
      actions: [
        {
          description: 'Weekly home visit',
          ownerPersonId: dir.people.socialWorker.id,
          dueOn: '2026-12-10',
          need: 'Deliver the plan',
        },
      ],
      outcomes: [
        { caseId: older.id, outcome: 'CP_PLAN', category: 'EMOTIONAL', shareWithFamily: true },
        { caseId: younger.id, outcome: 'CP_PLAN', category: 'PHYSICAL', shareWithFamily: true },
      ],
      quorum: { reasonToProceed: 'Enough agencies' },
    };
    return { icpc, older, younger, record };
  }

  async function approveAndDistribute(icpc: MeetingBody) {
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/submit`)
      .set(await asChairOf(t, icpc))
      .expect(200);
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/approve`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    return t.http
      .post(`/api/meetings/${icpc.id}/minutes/distribute`)
      .set(await t.auth('ADMIN'))
      .expect(200);
  }

  it('sends the record to a GP named for distribution only, never a family member, and prints the list', async () => {
    const { icpc, record } = await siblingConference();
    const chair = await asChairOf(t, icpc);
    const save = (body: object) => t.http.put(`/api/meetings/${icpc.id}/minutes`).set(chair).send(body);

    const family = await save({ ...record, distribution: [{ personId: dir.people.noEmailGran.id }] }).expect(400);
    expect(family.headers['content-type']).toMatch(/problem\+json/);
    expect(family.body.errors).toEqual([
      expect.objectContaining({ field: 'distribution[0].personId', message: expect.stringMatching(/family member/) }),
    ]);
    const invited = await save({ ...record, distribution: [{ personId: dir.people.police.id }] }).expect(400);
    expect(invited.body.errors).toEqual([
      expect.objectContaining({ field: 'distribution[0].personId', message: expect.stringMatching(/invited/) }),
    ]);
    const unknown = await save({ ...record, distribution: [{ personId: '00000000-0000-4000-8000-000000000000' }] });
    expect(unknown.status).toBe(422);

    await save({ ...record, distribution: [{ personId: gp.id, reason: 'GP, absent: sent a report' }] }).expect(200);
    const distributed = await approveAndDistribute(icpc);
    expect(distributed.body.distributionOnly).toEqual([gp.id]);
    await drain();

    const [mail] = subjects(gp.email, /^Record: /);
    expect(mail.parsed.subject).toMatch(/^Record: ICPC – /);
    expect(mail.parsed.text).toContain('Professionals-only summary');
    expect(mail.parsed.text).toContain('GP, absent: sent a report');
    expect(mail.parsed.html).toContain('Refer to MARAC');
    expect(mail.parsed.html).toMatch(/<h2>Distribution<\/h2>[\s\S]*Dr Gita Practitioner, Riverside Surgery/);
    // The family's copy is for invitees: the GP gets no personal link, and no one's name reaches the subject.
    expect(everything(mail)).not.toMatch(/\/p\/[A-Za-z0-9_-]+/);
    for (const name of [dir.people.mother.name, dir.people.father.name])
      expect(mail.parsed.subject).not.toContain(name);

    const printed = await t.http
      .get(`/api/meetings/${icpc.id}/minutes/record.html`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    expect(printed.text).toMatch(/<h2>Distribution<\/h2>[\s\S]*Dr Gita Practitioner, Riverside Surgery – GP, absent/);

    const audit = await t.http
      .get(`/api/audit?meetingId=${icpc.id}&limit=100`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    const sent = (audit.body.items as { action: string; changes: { personIds?: string[] } }[]).find(
      (e) => e.action === 'minutes.distributed-only',
    );
    expect(sent?.changes.personIds).toEqual([gp.id]);
    // Distributing twice is refused (409): the GP's record goes once.
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/distribute`)
      .set(await t.auth('ADMIN'))
      .expect(409);
    await drain();
    expect(subjects(gp.email, /^Record: /)).toHaveLength(1);
  });

  it('sends the decision letter once when the decisions are final, each family their own children, and late shows', async () => {
    smtp.clear();
    const { icpc, older, younger, record } = await siblingConference();
    const chair = await asChairOf(t, icpc);
    const save = (body: object) => t.http.put(`/api/meetings/${icpc.id}/minutes`).set(chair).send(body).expect(200);

    // Held on Thursday 26 November: the letter is due by Friday 27th; on Monday 30th, not sent, it is late.
    clock.set(new Date('2026-11-30T09:00:00Z'));
    try {
      await save({ ...record, decisions: record.decisions.map((d) => ({ ...d })) });
      const lateItems = async () =>
        (
          (
            await t.http
              .get('/api/reports/due?days=30')
              .set(await coordinatorOf(t))
              .expect(200)
          ).body.items as { kind: string; meetingId?: string; dueBy: string; overdue: boolean }[]
        ).filter((i) => i.kind === 'DECISION_LETTER_NOT_SENT' && i.meetingId === icpc.id);
      expect(await lateItems()).toEqual([expect.objectContaining({ dueBy: '2026-11-27', overdue: true })]);
      const duePage = await t.http
        .get('/due')
        .set(await coordinatorOf(t))
        .expect(200);
      expect(duePage.text).toContain('Decision letter of the initial child protection conference not sent');

      await drain();
      expect(smtp.messages.filter((m) => /Decisions:/.test(m.parsed.subject ?? ''))).toHaveLength(0); // a draft only

      await save({ ...record, decisionsFinal: true });
      await save({ ...record, decisionsFinal: true }); // saved again: the same letter is not sent twice
      await drain();
      expect(await lateItems()).toEqual([]);

      const [professional] = subjects(dir.people.police.email!, /^Decisions: /);
      expect(professional.parsed.text).toContain('Refer to MARAC');
      expect(professional.parsed.text).toContain(`${younger.reference}: cp plan (category: physical)`);
      expect(professional.parsed.text).toContain('Lead practitioner: Sasha Worker');
      expect(professional.parsed.text).not.toContain('Professionals-only summary');

      const [mother] = subjects(dir.people.mother.email!, /^Decisions: /);
      expect(mother.parsed.text).toContain('Both children to be subject to a plan');
      expect(mother.parsed.text).toContain(`${older.reference}: cp plan`);
      expect(mother.parsed.text).toContain(`${younger.reference}: cp plan`);

      const [father] = subjects(dir.people.father.email!, /^Decisions: /);
      expect(father.parsed.text).toContain('Both children to be subject to a plan');
      expect(father.parsed.text).toContain(`${older.reference}: cp plan`);
      for (const text of [younger.reference, 'Refer to MARAC', 'High risk', 'Three call-outs', 'emotional', 'physical'])
        expect({ text, inMail: everything(father).includes(text) }).toEqual({ text, inMail: false });
      for (const mail of [professional, mother, father]) {
        expect(mail.parsed.subject).toMatch(/^Decisions: ICPC – /);
        for (const name of [dir.people.mother.name, dir.people.father.name, 'Testparent'])
          expect(mail.parsed.subject).not.toContain(name);
      }
      const letters = () => smtp.messages.filter((m) => /decisions:/i.test(m.parsed.subject ?? ''));
      expect(letters()).toHaveLength(icpc.participants.length);

      // Submitting the same decisions sends nothing more; an amendment to them sends an updated letter.
      await approveAndDistribute(icpc);
      await drain();
      expect(letters()).toHaveLength(icpc.participants.length);
      await t.http
        .post(`/api/meetings/${icpc.id}/minutes/amendments`)
        .set(await t.auth('ADMIN'))
        .send({
          reason: 'The category of the younger child was wrong',
          outcomes: [
            { caseId: older.id, outcome: 'CP_PLAN', category: 'EMOTIONAL', shareWithFamily: true },
            { caseId: younger.id, outcome: 'CP_PLAN', category: 'NEGLECT', shareWithFamily: true },
          ],
        })
        .expect(201);
      await drain();
      const [update] = subjects(dir.people.police.email!, /^Updated decisions: /);
      expect(update.parsed.text).toContain(`${younger.reference}: cp plan (category: neglect)`);
      expect(subjects(dir.people.father.email!, /^Updated decisions: /)).toHaveLength(1);
      expect(letters()).toHaveLength(icpc.participants.length * 2);
    } finally {
      clock.set(new Date('2026-11-23T09:00:00Z'));
    }
  });
});
