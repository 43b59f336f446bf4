import { startTestApp, TestApp } from './support/test-app';

describe('GOV.UK Frontend assets and the label table', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('serves GOV.UK Frontend and its images to anyone, under a strict CSP', async () => {
    const css = await t.http.get('/assets/govuk-frontend.min.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const js = await t.http.get('/assets/govuk-frontend.min.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await t.http.get('/assets/images/favicon.svg').expect(200);
    await t.http.get('/assets/quorum-init.js').expect(200);
    // Only the package's published files: nothing else of node_modules or the project is reachable.
    await t.http.get('/assets/../package.json').expect(404);
    await t.http.get('/assets/govuk-frontend.mjs').expect(404);
  });

  it('answers each meeting type with its rules, roles, outcomes and the words for every code', async () => {
    await t.http.get('/api/meeting-types').expect(401);
    const { body } = await t.http
      .get('/api/meeting-types')
      .set(await t.auth('VIEWER'))
      .expect(200);
    const icpc = body.types.find((row: { type: string }) => row.type === 'ICPC');
    expect(icpc.label).toBe('Initial child protection conference');
    expect(icpc.chairRoles).toEqual(expect.arrayContaining(['CHAIR']));
    expect(icpc.outcomeLabels.CP_PLAN).toBe('Child protection plan');
    expect(icpc.preRead).toBeDefined();
    expect(body.labels.formats).toEqual({ IN_PERSON: 'In person', VIRTUAL: 'Video', HYBRID: 'In person and video' });
    expect(body.labels.rsvp.NEEDS_ACTION).toBe('Not replied');
    expect(body.labels.deliveryStatuses.FAILED).toBe('Failed');
    expect(body.labels.participantRoles.POLICE).toBe('Police');
  });
});
