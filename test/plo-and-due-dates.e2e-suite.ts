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
import { asChairOf, contentFor, submitRecord } from './support/records';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 22: the PLO's 16 weeks from the letter before proceedings, and the dates a conference set on the due list. */
describe('the PLO tracker and the dates a conference set', () => {
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  const due = async (caseId: string, days: number) =>
    (
      (
        await t.http
          .get(`/api/reports/due?days=${days}`)
          .set(await coordinatorOf(t))
          .expect(200)
      ).body.items as { caseId?: string }[]
    ).filter((i) => i.caseId === caseId);

  it('tracks 16 weeks from the letter before proceedings, and records whether the parents had legal representation', async () => {
    const child = await aCase(t);
    await t.http
      .patch(`/api/cases/${child.id}`)
      .set(await coordinatorOf(t))
      .send({ ploLetterOn: '2026-09-07' })
      .expect(200);
    const plo = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'PLO',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-09-21T10:00:00Z')],
        participants: [{ personId: dir.people.mother.id, role: 'PARENT' }],
      }),
    );

    const { parentsLegallyRepresented: _left, ...withoutRepresentation } = contentFor(plo, 'CONTINUE_PRE_PROCEEDINGS');
    const chair = await asChairOf(t, plo, 'SOCIAL_WORKER');
    const url = `/api/meetings/${plo.id}/minutes`;
    const record = {
      ...withoutRepresentation,
      sessions: [{ sessionId: plo.sessions[0].id, method: 'IN_PERSON' }],
      attendance: [
        { participantId: plo.participants.find((p) => !p.isChair)!.id, status: 'ATTENDED', joinedBy: 'IN_PERSON' },
      ],
      summary: 'Written agreement signed.',
      familySummary: 'You signed the written agreement.',
      planConsidered: true,
      decisions: [{ text: 'Continue pre-proceedings', rationale: 'Progress with the agreement' }],
      outcomes: [{ caseId: child.id, outcome: 'CONTINUE_PRE_PROCEEDINGS' }],
    };
    await t.http.put(url).set(chair).send(record).expect(200);
    const refused = await t.http.post(`${url}/submit`).set(chair).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'parentsLegallyRepresented', message: 'say whether the parents had legal representation' },
      {
        field: 'writtenAgreement',
        message: 'not uploaded: upload the signed written agreement (a document of kind WRITTEN_AGREEMENT)',
      },
    ]);
    // The signed written agreement: on a PLO meeting only, saying who signed it and when; the parents keep a copy.
    const upload = (meetingId: string, fields: Record<string, string>) => {
      let request = t.http.post(`/api/meetings/${meetingId}/documents`).set(chair);
      for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
      return request.attach('file', Buffer.from('Written agreement\nSigned.\n'), 'agreement.txt');
    };
    const unsigned = await upload(plo.id, { title: 'Written agreement', kind: 'WRITTEN_AGREEMENT' }).expect(400);
    expect(unsigned.headers['content-type']).toMatch(/problem\+json/);
    expect(unsigned.body.errors.map((e: { field: string }) => e.field)).toEqual(['signedBy', 'signedOn']);
    const hidden = await upload(plo.id, {
      title: 'Written agreement',
      kind: 'WRITTEN_AGREEMENT',
      signedBy: 'Both parents and the team manager',
      signedOn: '2026-09-21',
      audience: 'PROFESSIONALS',
    }).expect(400);
    expect(hidden.body.errors).toEqual([expect.objectContaining({ field: 'audience' })]);
    const agreement = (
      await upload(plo.id, {
        title: 'Written agreement',
        kind: 'WRITTEN_AGREEMENT',
        signedBy: 'Both parents and the team manager',
        signedOn: '2026-09-21',
      }).expect(201)
    ).body;
    expect(agreement).toMatchObject({
      kind: 'WRITTEN_AGREEMENT',
      audience: 'ALL_PARTICIPANTS',
      signedOn: '2026-09-21',
    });
    await t.http
      .put(url)
      .set(chair)
      .send({ ...record, parentsLegallyRepresented: true })
      .expect(200);
    await t.http.post(`${url}/submit`).set(chair).expect(200);
    expect(
      (
        await t.http
          .get(`${url}/record.html`)
          .set(await coordinatorOf(t))
          .expect(200)
      ).text,
    ).toContain('The parents had legal representation at the meeting.');
    expect(
      (
        await t.http
          .get(`${url}/record.html`)
          .set(await coordinatorOf(t))
          .expect(200)
      ).text,
    ).toContain('agreement.txt: signed by Both parents and the team manager on Monday 21 September 2026.');

    const timeline = (
      await t.http
        .get(`/api/cases/${child.id}/timeline`)
        .set(await coordinatorOf(t))
        .expect(200)
    ).body;
    expect(timeline.preProceedings).toEqual({
      letterOn: '2026-09-07',
      endsBy: '2026-12-28',
      week: 11,
      meetingsHeld: 1,
      ended: null,
      overdue: false,
      writtenAgreement: {
        documentId: agreement.id,
        meetingId: plo.id,
        signedBy: 'Both parents and the team manager',
        signedOn: '2026-09-21',
      },
    });
    expect(await due(child.id, 60)).toEqual([
      {
        kind: 'PRE_PROCEEDINGS_ENDS',
        caseId: child.id,
        reference: child.reference,
        type: 'PLO',
        dueBy: '2026-12-28',
        overdue: false,
        basis: '16 weeks after the letter before proceedings on 2026-09-07',
      },
    ]);
    expect(await due(child.id, 30)).toEqual([]);
  });

  it('shows the dates the ICPC set for the first core group and the review beside the statutory latest dates', async () => {
    const child = await aCase(t);
    const icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-11-20T10:00:00Z')],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      }),
    );
    await submitRecord(t, icpc, 'CP_PLAN', {
      plan: {
        leadPractitionerPersonId: dir.people.socialWorker.id,
        coreGroupPersonIds: [dir.people.socialWorker.id],
        firstCoreGroupOn: '2026-12-01',
        reviewConferenceOn: '2027-02-10',
      },
    });
    const items = (await due(child.id, 120)) as { type: string; dueBy: string; setOn?: string }[];
    // Working Together: first core group within 10 working days (Fri 4 Dec), first RCPC within 3 months (Fri 19 Feb).
    expect(items.map((i) => [i.type, i.dueBy, i.setOn])).toEqual([
      ['CORE_GROUP', '2026-12-04', '2026-12-01'],
      ['RCPC', '2027-02-19', '2027-02-10'],
    ]);
  });
});
