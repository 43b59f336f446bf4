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
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

describe('safety and access', () => {
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

  it('refuses a booking that puts two kept-apart people in one session, naming the rule not the people, and accepts the split one', async () => {
    const child = await aCase(t);
    const rule = await post<{ id: string }>(t, `/api/cases/${child.id}/keep-apart`, {
      personIds: [dir.people.mother.id, dir.people.father.id],
      note: 'Domestic abuse: father is the alleged perpetrator',
    });
    const together = aBooking({
      type: 'ICPC',
      caseIds: [child.id],
      chairId: dir.people.chair.id,
      allowOverlap: true,
      sessions: [aSession('2026-12-17T10:00:00Z')],
      participants: [
        { personId: dir.people.mother.id, role: 'PARENT' },
        { personId: dir.people.father.id, role: 'PARENT' },
      ],
    });
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM meetings`))[0].n);
    const refused = await t.http
      .post('/api/meetings')
      .set(await t.auth('COORDINATOR'))
      .send(together)
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail).toContain(rule.id);
    for (const word of ['Testparent', 'Amelia', 'Barry', 'perpetrator', 'family.example'])
      expect(JSON.stringify(refused.body)).not.toContain(word);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM meetings`))[0].n)).toBe(before);

    const split = await post<MeetingBody>(t, '/api/meetings', {
      ...together,
      sessions: [
        aSession('2026-12-17T10:00:00Z', 60, { label: 'Part 1' }),
        aSession('2026-12-17T12:00:00Z', 60, { label: 'Part 2' }),
      ],
      participants: [
        { personId: dir.people.mother.id, role: 'PARENT', sessions: [0] },
        { personId: dir.people.father.id, role: 'PARENT', sessions: [1] },
      ],
    });
    // Adding the mother to the father's part later is refused too.
    await t.http
      .post(`/api/meetings/${split.id}/participants`)
      .set(await t.auth('COORDINATOR'))
      .send({ personId: dir.people.father.id, role: 'PARENT', sessions: [0] })
      .expect(409);
    const checklist = await t.http
      .get(`/api/meetings/${split.id}/checklist`)
      .set(await t.auth('CHAIR', { id: dir.people.chair.id }))
      .expect(200);
    expect(checklist.body.items).toEqual(expect.arrayContaining([{ kind: 'KEEP_APART', ruleId: rule.id, kept: true }]));
  });

  it('puts a participant with no email on the chair’s task list and sends them nothing; access needs reach the checklist', async () => {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-12-18T10:00:00Z')],
        participants: [
          { personId: dir.people.noEmailGran.id, role: 'GRANDPARENT', accessNeeds: { phoneOnly: true } },
          {
            personId: dir.people.mother.id,
            role: 'PARENT',
            accessNeeds: { interpreterLanguage: 'Polish', assistedVideo: true, notes: 'Prefers afternoons' },
          },
        ],
      }),
    );
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    expect(smtp.messages.flatMap((m) => m.envelopeTo)).not.toContain(null);
    expect(smtp.messages.some((m) => m.raw.includes('Gwen'))).toBe(false);

    const gran = participantOf(meeting, dir.people.noEmailGran.id);
    const tasks = await t.http
      .get(`/api/tasks?chairId=${dir.people.chair.id}&days=365`)
      .set(await t.auth('CHAIR', { id: dir.people.chair.id }))
      .expect(200);
    expect(tasks.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ meetingId: meeting.id, participantId: gran.id, phone: '+44 7700 900333' }),
      ]),
    );

    const checklist = await t.http
      .get(`/api/meetings/${meeting.id}/checklist`)
      .set(await t.auth('CHAIR', { id: dir.people.chair.id }))
      .expect(200);
    const kinds = checklist.body.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'CONTACT_WITHOUT_EMAIL',
        'BOOK_INTERPRETER',
        'ASSISTED_VIDEO',
        'PHONE_ONLY',
        'ACCESSIBILITY',
      ]),
    );
    expect(checklist.body.items.find((i: { kind: string }) => i.kind === 'PHONE_ONLY').dialInAvailable).toBe(true);
    expect(participantOf(meeting, dir.people.mother.id)).toMatchObject({
      accessNeeds: { interpreterLanguage: 'Polish', assistedVideo: true },
    });
  });

  it('records an exclusion and a join/leave log, and the minutes warn that a decision was taken when the meeting was not quorate', async () => {
    const child = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-12-21T10:00:00Z', 120)],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          { personId: dir.people.mother.id, role: 'PARENT' },
        ],
      }),
    );
    const p = (personId: string) => participantOf(icpc, personId).id;
    const session = icpc.sessions[0].id;
    const chair = await t.auth('CHAIR', { id: dir.people.chair.id }); // the chair of this conference

    const excluded = await t.http
      .post(`/api/meetings/${icpc.id}/exclusions`)
      .set(chair)
      .send({ participantId: p(dir.people.mother.id), sessionId: session, reason: 'Police intelligence shared' })
      .expect(201);
    expect(excluded.body.reason).toBe('Police intelligence shared');

    const log = (participantId: string, event: string, at: string) =>
      t.http
        .post(`/api/meetings/${icpc.id}/sessions/${session}/attendance-log`)
        .set(chair)
        .send({ participantId, event, at, via: 'VIDEO' })
        .expect(201);
    await log(p(dir.people.socialWorker.id), 'JOINED', '2026-12-21T10:00:00Z');
    await log(p(dir.people.police.id), 'JOINED', '2026-12-21T10:01:00Z');
    await log(p(dir.people.healthVisitor.id), 'JOINED', '2026-12-21T10:02:00Z');
    await log(p(dir.people.police.id), 'LEFT', '2026-12-21T11:00:00Z'); // police leave before the decision

    const record = {
      sessions: [{ sessionId: session, method: 'VIDEO' }],
      attendance: [
        { participantId: p(dir.people.socialWorker.id), status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: p(dir.people.police.id), status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: p(dir.people.healthVisitor.id), status: 'ATTENDED', joinedBy: 'VIDEO' },
      ],
      summary: 'Risk of significant harm.',
      planConsidered: true,
      decisions: [{ text: 'CP plan', rationale: 'Risk', decidedAt: '2026-12-21T11:30:00Z' }],
      actions: [
        { description: 'Core group', ownerPersonId: dir.people.socialWorker.id, dueOn: '2027-01-05', need: 'Plan' },
      ],
      outcomes: [{ caseId: child.id, outcome: 'CP_PLAN', category: 'NEGLECT' }],
    };
    const saved = await t.http.put(`/api/meetings/${icpc.id}/minutes`).set(chair).send(record).expect(200);
    expect(saved.body.quorum.quorate).toBe(true); // by the attendance list for the whole meeting…
    expect(saved.body.quorate).toBe(false); // …but not when it decided, which is what the record and the reports keep
    expect(saved.body.quorumAtDecisions).toEqual([expect.objectContaining({ decision: 1, quorate: false })]);
    expect(saved.body.warnings[0]).toMatch(/Decision 1 was taken when the meeting was not quorate/);
    expect(saved.body.exclusions).toEqual([
      expect.objectContaining({ participantId: p(dir.people.mother.id), reason: 'Police intelligence shared' }),
    ]);
    const refused = await t.http.post(`/api/meetings/${icpc.id}/minutes/submit`).set(chair).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('quorum.reasonToProceed');

    const page = await t.http.get(`/api/meetings/${icpc.id}/minutes/record.html`).set(chair).expect(200);
    expect(page.text).toContain('Exclusions');
    expect(page.text).toContain('Police intelligence shared');
    expect(page.text).toContain('not quorate');
  });

  it('shows a family member who else is invited, by role and agency, without anyone’s personal details', async () => {
    smtp.clear();
    const child = await aCase(t);
    await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        allowOverlap: true,
        sessions: [aSession('2026-12-22T10:00:00Z', 60)],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: dir.people.father.id, role: 'PARENT' },
        ],
      }),
    );
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    const invite = smtp
      .to(dir.people.mother.email!)
      .find((m) => /^Invitation: Core group/.test(m.parsed.subject ?? ''))!;
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]+/.exec(invite.parsed.text ?? '')![0];
    const page = await t.http.get(new URL(link).pathname).expect(200);
    expect(page.text).toContain('Police – Northshire Police');
    expect(page.text).toContain('Parent (family member)');
    for (const secret of ['Barry', 'father@family.example', '900222', 'DC Sam Patel', 'dc.patel@police.example'])
      expect(page.text).not.toContain(secret);
  });
});
