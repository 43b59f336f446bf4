import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { FixedClock } from '../src/time/clock';
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
import { asChairOf } from './support/records';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 17: what the family reads is built from an allow-list, and parents are never left off in silence. */
describe('the family record', () => {
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** A split ICPC for two siblings: the mother and the father apart, each with the professionals. */
  async function splitConference() {
    const older = await aCase(t);
    const younger = await aCase(t);
    await post(t, `/api/cases/${older.id}/keep-apart`, {
      personIds: [dir.people.mother.id, dir.people.father.id],
      note: 'Father is the alleged perpetrator',
    });
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [older.id, younger.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [
          aSession('2026-11-26T10:00:00Z', 60, { label: 'Mother (refuge) with professionals' }),
          aSession('2026-11-26T13:30:00Z', 60, { label: 'Father with professionals' }),
        ],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.healthVisitor.id, role: 'HEALTH' },
          { personId: dir.people.mother.id, role: 'PARENT', sessions: [0] },
          { personId: dir.people.father.id, role: 'PARENT', sessions: [1], caseIds: [older.id] }, // the older child's father only
        ],
      }),
    );
    const p = (personId: string) => participantOf(icpc, personId).id;
    const record = {
      // Issue 22: the children's and the family's views, the dissent and the plan, each shared only where marked.
      childViews: [
        {
          caseId: older.id,
          views: 'Wants dad to come to football',
          obtainedBy: ['SOCIAL_WORKER'],
          shareWithFamily: true,
        },
        {
          caseId: younger.id,
          views: 'Younger child frightened at night',
          obtainedBy: ['CONSULTATION_FORM'],
          shareWithFamily: true,
        },
      ],
      familyViews: {
        parents: 'Parents accept the plan',
        widerFamily: 'Grandmother offers respite',
        reportsSharedBeforehand: false,
        reportsNotSharedReason: 'Police report arrived that morning',
        shareWithFamily: true,
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
        coreGroupPersonIds: [dir.people.socialWorker.id, dir.people.healthVisitor.id, dir.people.mother.id],
        firstCoreGroupOn: '2026-12-08',
        reviewConferenceOn: '2027-02-22',
        shareWithFamily: true,
      },
      sessions: icpc.sessions.map((s) => ({ sessionId: s.id, method: 'IN_PERSON' })),
      attendance: [
        { participantId: p(dir.people.chair.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: p(dir.people.socialWorker.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: p(dir.people.police.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        { participantId: p(dir.people.healthVisitor.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
        {
          participantId: p(dir.people.mother.id),
          status: 'ATTENDED',
          joinedBy: 'IN_PERSON',
          note: 'now living at refuge',
        },
        { participantId: p(dir.people.father.id), status: 'ATTENDED', joinedBy: 'IN_PERSON' },
      ],
      summary: 'Professionals-only summary: police intelligence on the father.',
      familySummary: 'The children will have a child protection plan. Your social worker will visit each week.',
      planConsidered: true,
      decisions: [
        {
          text: 'Both children to be subject to a child protection plan',
          rationale: 'Police intelligence: three call-outs since June',
          dissent: 'Health visitor disagreed on category',
          shareWithFamily: true,
        },
        { text: 'Refer to MARAC', rationale: 'High risk DASH score' },
      ],
      actions: [
        {
          description: 'Weekly home visit',
          ownerPersonId: dir.people.socialWorker.id,
          dueOn: '2026-12-10',
          need: 'Deliver the plan',
          shareWithFamily: true,
        },
        {
          description: 'Mother to attend the Freedom Programme',
          ownerPersonId: dir.people.mother.id,
          dueOn: '2026-12-20',
          need: 'Safety at the refuge',
          shareWithFamily: true,
        },
        {
          description: 'Police to share intelligence with the refuge',
          ownerPersonId: dir.people.police.id,
          dueOn: '2026-12-01',
          need: 'Safety planning',
        },
      ],
      outcomes: [
        {
          caseId: older.id,
          outcome: 'CP_PLAN',
          category: 'EMOTIONAL',
          shareWithFamily: true,
          notes: 'Sibling note, professionals only',
        },
        { caseId: younger.id, outcome: 'CP_PLAN', category: 'PHYSICAL' },
      ],
    };
    return { icpc, older, younger, record };
  }

  /**
   * Issue 16: the record belongs to the chair of the meeting, who writes, submits and sends it out; the service
   * manager (an administrator, holding every approver role) approves what the chair wrote.
   */

  it('sends the father only his own session and what the chair shared, nothing about the mother', async () => {
    const { icpc, older, younger, record } = await splitConference();
    await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await asChairOf(t, icpc))
      .send(record)
      .expect(200);
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/submit`)
      .set(await asChairOf(t, icpc))
      .expect(200);
    for (const step of ['approve', 'distribute'])
      await t.http
        .post(`/api/meetings/${icpc.id}/minutes/${step}`)
        .set(await t.auth('ADMIN'))
        .expect(200);
    await t.get<DeliveryWorker>(DeliveryWorker).drain();

    const [mail] = smtp.to(dir.people.father.email!).filter((m) => /^Record:/.test(m.parsed.subject ?? ''));
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]+\/minutes/.exec(mail.parsed.text ?? '')![0];
    const page = await t.http.get(new URL(link).pathname).expect(200);

    // What he may read.
    expect(page.text).toContain('Your social worker will visit each week.');
    expect(page.text).toContain('Father with professionals');
    expect(page.text).toContain('Both children to be subject to a child protection plan');
    expect(page.text).toContain(`${older.reference}: cp plan`);
    expect(page.text).toContain('Weekly home visit');
    expect(page.text).toContain('Social worker, Northshire Children');
    expect(page.text).toContain(`${older.reference}: Wants dad to come to football`);
    expect(page.text).toContain('Parents accept the plan');
    expect(page.text).toContain('Grandmother offers respite');
    expect(page.text).toMatch(
      /Lead practitioner: Social worker, Northshire Children.{1,12}s Services\. The first core group meets by Tuesday 8 December 2026; the review conference is on Monday 22 February 2027/,
    );

    // What he may not: every professional-only field, the other session, and anything about the mother.
    const absent = [
      'Mother (refuge) with professionals',
      'refuge',
      '10:00', // her session's label and time
      'Professionals-only summary',
      'Police intelligence',
      'three call-outs',
      'Health visitor disagreed',
      'Dissent',
      'Why:',
      'Refer to MARAC',
      'High risk DASH',
      'Police to share intelligence',
      'Freedom Programme',
      'Safety planning',
      'Deliver the plan',
      'Sibling note',
      'emotional',
      'physical',
      younger.reference, // not his child: not even the reference
      'Younger child frightened',
      'Police report arrived',
      'Emotional harm is the main concern', // not his child's views; professionals only
      'Quorate',
      'quorate',
      'The plan was',
      'Decisions due by',
      'Attendance',
      'Exclusions',
      dir.people.mother.name,
      dir.people.socialWorker.name,
      dir.people.police.name,
      dir.people.healthVisitor.name,
      dir.people.chair.name,
      dir.people.mother.email!,
      dir.people.socialWorker.email!,
    ];
    for (const text of absent) {
      expect({ text, inPage: page.text.includes(text) }).toEqual({ text, inPage: false });
      expect({
        text,
        inMail: `${mail.parsed.text}\n${mail.parsed.html}\n${mail.parsed.subject}`.includes(text),
      }).toEqual({ text, inMail: false });
    }
  });

  it("refuses a family member's children that are not cases of the meeting", async () => {
    const child = await aCase(t);
    const other = await aCase(t);
    const response = await t.http
      .post('/api/meetings')
      .set(await t.auth('COORDINATOR'))
      .send(
        aBooking({
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          allowOverlap: true,
          participants: [{ personId: dir.people.father.id, role: 'PARENT', caseIds: [other.id] }],
        }),
      );
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'participants[0].caseIds' })]);
  });

  it('will not submit a record that leaves the parents out without saying why', async () => {
    const { icpc, record } = await splitConference();
    const { familySummary: _left, ...withoutFamilySummary } = record;
    await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await asChairOf(t, icpc))
      .send(withoutFamilySummary)
      .expect(200);
    const refused = await t.http
      .post(`/api/meetings/${icpc.id}/minutes/submit`)
      .set(await asChairOf(t, icpc))
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'familySummary' })]);

    await t.http
      .put(`/api/meetings/${icpc.id}/minutes`)
      .set(await asChairOf(t, icpc))
      .send({
        ...withoutFamilySummary,
        familyNotSharedReason: 'Care proceedings issued: the record goes to the parents through their solicitors',
      })
      .expect(200);
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/submit`)
      .set(await asChairOf(t, icpc))
      .expect(200);
    await t.http
      .post(`/api/meetings/${icpc.id}/minutes/approve`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    const distributed = await t.http
      .post(`/api/meetings/${icpc.id}/minutes/distribute`)
      .set(await t.auth('ADMIN'))
      .expect(200);
    expect(distributed.body.withheldFrom.sort()).toEqual(
      [participantOf(icpc, dir.people.mother.id).id, participantOf(icpc, dir.people.father.id).id].sort(),
    );
  });
});
