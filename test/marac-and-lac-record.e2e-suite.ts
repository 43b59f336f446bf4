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
import { asChairOf, contentFor } from './support/records';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 22: what a MARAC coordinator and an IRO record beyond the common parts. */
describe('MARAC and LAC review records', () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const victims = (n: number) => Promise.all(Array.from({ length: n }, () => aCase(t, { kind: 'ADULT_VICTIM' })));

  it('hears up to 40 cases at one MARAC, not 41', async () => {
    const forty = await victims(41);
    const booking = (cases: { id: string }[]) =>
      aBooking({
        type: 'MARAC',
        caseIds: cases.map((c) => c.id),
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-12-01T13:00:00Z', 240)],
      });
    await post(t, '/api/meetings', booking(forty.slice(0, 40)));
    const refused = await t.http
      .post('/api/meetings')
      .set(await coordinatorOf(t, 'MARAC'))
      .send(booking(forty))
      .expect(400);
    expect(fields(refused.body)).toEqual(['caseIds']);
  });

  it("records each victim's referral, marks a repeat within 12 months, and refuses an action that names no case", async () => {
    const [first, second] = await victims(2);
    const book = (caseIds: string[], startsAt: string) =>
      post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          type: 'MARAC',
          caseIds,
          chairId: dir.people.chair.id,
          allowOverlap: true,
          sessions: [aSession(startsAt, 120)],
          participants: [
            { personId: dir.people.idva.id, role: 'IDVA' },
            { personId: dir.people.police.id, role: 'POLICE' },
          ],
        }),
      );
    await book([first.id], '2026-03-03T13:00:00Z'); // heard 9 months before: a repeat
    const marac = await book([first.id, second.id], '2026-12-01T13:00:00Z');
    const chair = await asChairOf(t, marac);
    const url = `/api/meetings/${marac.id}/minutes`;
    const record = {
      sessions: [{ sessionId: marac.sessions[0].id, method: 'VIDEO', reason: 'MARAC meets by video' }],
      attendance: [dir.people.idva.id, dir.people.police.id].map((id) => ({
        participantId: participantOf(marac, id).id,
        status: 'ATTENDED',
        joinedBy: 'VIDEO',
      })),
      summary: 'Two cases heard.',
      planConsidered: true,
      decisions: [{ text: 'Safety plans agreed', rationale: 'High risk' }],
      actions: [
        {
          description: 'Flag the address for a rapid response',
          ownerPersonId: dir.people.police.id,
          dueOn: '2026-12-02',
          need: 'Safety',
          caseId: first.id,
        },
        {
          description: 'IDVA to contact the victim',
          ownerPersonId: dir.people.idva.id,
          dueOn: '2026-12-02',
          need: 'Support',
        },
      ],
      outcomes: [
        { caseId: first.id, outcome: 'ACTION_PLAN' },
        { caseId: second.id, outcome: 'ACTION_PLAN' },
      ],
      referrals: [
        {
          caseId: first.id,
          referringAgencyId: dir.agencies.police,
          criteria: 'VISIBLE_HIGH_RISK',
          dashScore: 12,
          childrenInHousehold: 2,
        },
      ],
    };
    const low = await t.http.put(url).set(chair).send(record).expect(400);
    expect(low.body.errors).toEqual([
      { field: 'referrals[0].dashScore', message: 'visible high risk is a DASH score of 14 or more: give the score' },
    ]);
    const scored = { ...record, referrals: [{ ...record.referrals[0], dashScore: 16 }] };
    await t.http.put(url).set(chair).send(scored).expect(200);
    const refused = await t.http.post(`${url}/submit`).set(chair).expect(400);
    expect(fields(refused.body)).toEqual(['referrals', 'actions[1].caseId']);
    expect(refused.body.errors[0].message).toContain(second.id);

    const complete = {
      ...scored,
      actions: [record.actions[0], { ...record.actions[1], caseId: second.id }],
      referrals: [
        ...scored.referrals,
        {
          caseId: second.id,
          referringAgencyId: dir.agencies.idva,
          criteria: 'PROFESSIONAL_JUDGEMENT',
          childrenInHousehold: 0,
        },
      ],
    };
    await t.http.put(url).set(chair).send(complete).expect(200);
    const submitted = await t.http.post(`${url}/submit`).set(chair).expect(200);
    expect(submitted.body.referrals.map((r: { caseId: string; repeat: boolean }) => [r.caseId, r.repeat])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    const html = (
      await t.http
        .get(`${url}/record.html`)
        .set(await coordinatorOf(t, 'MARAC'))
        .expect(200)
    ).text;
    expect(html).toContain(
      `${first.reference}</td><td>Northshire Police</td><td>visible high risk (DASH 16)</td><td>2</td><td>repeat (last heard Tuesday 3 March 2026)`,
    );
    expect(html).toContain(`${second.reference}: IDVA to contact the victim`);
  });

  it('asks a LAC review whether an advocate was offered, and prints the consultation forms and a dispute escalation', async () => {
    const child = await aCase(t, { enteredCareOn: '2026-11-02' });
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2026-11-26T10:00:00Z', 60)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      }),
    );
    const iro = await asChairOf(t, review, 'IRO');
    const url = `/api/meetings/${review.id}/minutes`;
    const { advocacy: _left, ...withoutAdvocacy } = contentFor(review, 'RECOMMENDATIONS');
    const record = {
      ...withoutAdvocacy,
      sessions: [{ sessionId: review.sessions[0].id, method: 'IN_PERSON' }],
      attendance: [
        {
          participantId: participantOf(review, dir.people.socialWorker.id).id,
          status: 'ATTENDED',
          joinedBy: 'IN_PERSON',
        },
      ],
      childParticipation: 'PN1',
      summary: 'Settled.',
      familySummary: 'Settled.',
      planConsidered: true,
      decisions: [{ text: 'Care plan continues', rationale: 'Needs met' }],
      outcomes: [{ caseId: child.id, outcome: 'RECOMMENDATIONS' }],
      consultationForms: [
        { from: 'CHILD', sent: true, returned: true },
        { from: 'SCHOOL', sent: true, returned: false },
      ],
      disputeResolution: { stage: 'TEAM_MANAGER', raisedOn: '2026-11-26' },
    };
    await t.http.put(url).set(iro).send(record).expect(200);
    expect(fields((await t.http.post(`${url}/submit`).set(iro).expect(400)).body)).toEqual(['advocacy']);
    await t.http
      .put(url)
      .set(iro)
      .send({ ...record, advocacy: { offered: false, used: true } })
      .expect(400)
      .expect((r) => expect(fields(r.body)).toEqual(['advocacy.used']));
    await t.http
      .put(url)
      .set(iro)
      .send({ ...record, advocacy: { offered: true, used: true } })
      .expect(200);
    await t.http.post(`${url}/submit`).set(iro).expect(200);
    const html = (
      await t.http
        .get(`${url}/record.html`)
        .set(await coordinatorOf(t))
        .expect(200)
    ).text;
    for (const text of [
      'An advocate was offered to the child and used.',
      'Consultation form, child: sent, returned',
      'Consultation form, school: sent, not returned',
      'The IRO escalated at stage team manager on Thursday 26 November 2026; not yet resolved.',
    ]) {
      expect({ text, shown: html.includes(text) }).toEqual({ text, shown: true });
    }
  });
});
