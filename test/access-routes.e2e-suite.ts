import { aBooking, aCase, MeetingBody, post, seedDirectory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** `/api/meetings/:id` → `/API/MEETINGS/:ID` etc.: the spellings Express once matched without asking. */
function spellings(url: string): [string, string][] {
  const [path, query] = url.split('?');
  const withQuery = (p: string) => (query ? `${p}?${query}` : p);
  const mixed = path.replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c));
  return [
    ['given', url],
    ['upper case', withQuery(path.toUpperCase())],
    ['mixed case', withQuery(mixed)],
    ['trailing slash', withQuery(`${path}/`)],
  ];
}

describe('deny by default', () => {
  let t: TestApp;
  let meeting: MeetingBody;

  beforeAll(async () => {
    t = await startTestApp();
    const dir = await seedDirectory(t);
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        participants: [{ personId: dir.people.police.id, role: 'POLICE' }],
      }),
    );
  });
  afterAll(() => t.close());

  async function documentedRoutes(): Promise<{ method: Method; url: string }[]> {
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ids: Record<string, string> = {
      id: meeting.id,
      sessionId: meeting.sessions[0].id,
      participantId: meeting.participants[0].id,
    };
    return Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method as Method,
        url: path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? UNKNOWN),
      })),
    );
  }

  it('answers every documented route, in any spelling, without a token with 401 or 404: never 2xx, never 5xx', async () => {
    const routes = await documentedRoutes();
    // The staff pages are not in the OpenAPI document but need sign-in all the same.
    routes.push(
      { method: 'get', url: '/reports' },
      { method: 'get', url: `/api/meetings/${meeting.id}/minutes/record.html` },
    );
    expect(routes.length).toBeGreaterThan(30);
    const answers: string[] = [];
    for (const { method, url } of routes.filter((r) => !r.url.startsWith('/health'))) {
      for (const [spelling, variant] of spellings(url)) {
        const response = await t.http[method](variant).send(method === 'get' || method === 'delete' ? undefined : {});
        if (![401, 404].includes(response.status))
          answers.push(`${method.toUpperCase()} ${variant} (${spelling}) → ${response.status}`);
        if (response.status === 401 && spelling !== 'given')
          answers.push(`${method.toUpperCase()} ${variant} (${spelling}) reached a route`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('keeps the public routes public and gives them one spelling only', async () => {
    await t.http.get('/health').expect(200);
    await t.http.get('/HEALTH').expect(404);
    await t.http.get('/health/').expect(404);
    await t.http.get('/docs-json').expect(200);
    await t.http.get('/p/not-a-real-token').expect(404);
    await t.http.get('/feeds/not-a-real-token.ics').expect(404);
  });

  it('says no-store on every /api answer, refused or not, and on the staff pages', async () => {
    const staff = await t.auth('MARAC_COORDINATOR');
    for (const response of [
      await t.http.get('/api/people'),
      await t.http.get('/api/people').set(staff),
      await t.http.get(`/api/meetings/${meeting.id}`).set(staff),
      await t.http.get(`/api/meetings/${UNKNOWN}`).set(staff),
      await t.http.get('/reports').set(staff),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('shows the reports page only to a signed-in member of staff', async () => {
    await t.http.get('/reports').expect(401);
    const page = await t.http
      .get('/reports')
      .set(await t.auth('VIEWER'))
      .expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });
});
