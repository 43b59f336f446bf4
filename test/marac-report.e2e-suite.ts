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
import { startTestApp, TestApp } from './support/test-app';

/** Issue 22: the MARAC figures a coordinator reads, from the referral data of submitted records. */
describe('MARAC figures', () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  async function heard(
    startsAt: string,
    cases: { id: string }[],
    referrals: { caseId: string; agencyId: string; criteria: string; children: number }[],
  ) {
    const marac = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: cases.map((c) => c.id),
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession(startsAt, 120)],
        participants: [{ personId: dir.people.idva.id, role: 'IDVA' }],
      }),
    );
    const chair = await asChairOf(t, marac);
    await t.http
      .put(`/api/meetings/${marac.id}/minutes`)
      .set(chair)
      .send({
        sessions: [{ sessionId: marac.sessions[0].id, method: 'VIDEO', reason: 'MARAC meets by video' }],
        attendance: [
          { participantId: participantOf(marac, dir.people.idva.id).id, status: 'ATTENDED', joinedBy: 'VIDEO' },
        ],
        summary: 'Cases heard.',
        planConsidered: true,
        decisions: [{ text: 'Actions agreed', rationale: 'Risk' }],
        outcomes: cases.map((c) => ({ caseId: c.id, outcome: 'ACTION_PLAN' })),
        referrals: referrals.map((r) => ({
          caseId: r.caseId,
          referringAgencyId: r.agencyId,
          criteria: r.criteria,
          childrenInHousehold: r.children,
          ...(r.criteria === 'VISIBLE_HIGH_RISK' ? { dashScore: 15 } : {}),
        })),
      })
      .expect(200);
    await t.http.post(`/api/meetings/${marac.id}/minutes/submit`).set(chair).expect(200);
  }

  it('counts cases heard, repeats within 12 months, and referrals by agency and criteria, for the MARAC coordinator only', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => aCase(t, { kind: 'ADULT_VICTIM' })));
    const { police, idva } = dir.agencies;
    await heard(
      '2025-10-07T13:00:00Z',
      [a],
      [{ caseId: a.id, agencyId: police, criteria: 'VISIBLE_HIGH_RISK', children: 1 }],
    ); // before the period
    await heard(
      '2026-09-01T13:00:00Z',
      [a, b],
      [
        { caseId: a.id, agencyId: police, criteria: 'ESCALATION', children: 1 },
        { caseId: b.id, agencyId: idva, criteria: 'VISIBLE_HIGH_RISK', children: 2 },
      ],
    );
    await heard(
      '2026-11-03T13:00:00Z',
      [b, c],
      [
        { caseId: b.id, agencyId: police, criteria: 'ESCALATION', children: 2 },
        { caseId: c.id, agencyId: police, criteria: 'PROFESSIONAL_JUDGEMENT', children: 0 },
      ],
    );

    const { body } = await t.http
      .get('/api/reports/marac?from=2026-04-01&to=2027-03-31')
      .set(await t.auth('MARAC_COORDINATOR'))
      .expect(200);
    // a (heard 11 months after October 2025) and b (heard again two months on) are repeats: 2 of 4.
    expect(body).toEqual({
      from: '2026-04-01',
      to: '2027-03-31',
      casesHeard: 4,
      repeats: 2,
      repeatPercent: 50,
      childrenInHouseholds: 5,
      referralsByAgency: [
        { agency: 'Northshire Police', referrals: 3 },
        { agency: 'Northshire IDVA Service', referrals: 1 },
      ],
      referralsByCriteria: [
        { criteria: 'ESCALATION', referrals: 2 },
        { criteria: 'PROFESSIONAL_JUDGEMENT', referrals: 1 },
        { criteria: 'VISIBLE_HIGH_RISK', referrals: 1 },
      ],
    });
    // The same figures on the reports page, labelled, for the MARAC coordinator only.
    const page = await t.http
      .get('/reports?from=2026-04-01&to=2027-03-31')
      .set(await t.auth('MARAC_COORDINATOR'))
      .expect(200);
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th><td>([^<]*)</td>`).exec(page.text)?.[1];
    expect([row('Cases heard'), row('Repeats'), row('Children in the households')]).toEqual(['4', '50%', '5']);
    expect(page.text).toContain('<tr><td>Northshire Police</td><td>3</td></tr>');
    expect(page.text).toContain('<tr><td>Visible high risk (DASH 14 or more)</td><td>1</td></tr>');
    const viewers = await t.http
      .get('/reports?from=2026-04-01&to=2027-03-31')
      .set(await t.auth('VIEWER'))
      .expect(200);
    expect(viewers.text).not.toContain('MARAC figures');
    for (const role of ['COORDINATOR', 'ADMIN', 'VIEWER'] as const)
      await t.http
        .get('/api/reports/marac')
        .set(await t.auth(role))
        .expect(403);
    await t.http
      .get('/api/reports/marac?from=2026-05-01&to=2026-04-01')
      .set(await t.auth('MARAC_COORDINATOR'))
      .expect(400);
  });
});
