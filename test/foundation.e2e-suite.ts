import { startTestApp, TestApp } from './support/test-app';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('builds the schema on a fresh database through migrations', async () => {
    const tables = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.map((row: { table_name: string }) => row.table_name);
    expect(names).toEqual(expect.arrayContaining(['agencies', 'people', 'cases', 'audit_events', 'migrations']));
  });

  it('answers /health 200 while the database answers', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('says on /health how far the shipped bank-holiday list reaches (test/bank-holidays: when it runs short)', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body.details.bankHolidays).toEqual({ status: 'up', coversUntil: '2028-12-31', refreshDue: false });
  });

  it('serves the OpenAPI document', async () => {
    const response = await t.http.get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.info.title).toBe('Quorum');
  });

  it('refuses /api without a bearer token with 401 problem+json', async () => {
    const response = await t.http.get('/api/agencies').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses a token signed with another key', async () => {
    await t.http
      .get('/api/agencies')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')
      .expect(401);
  });

  it('answers malformed JSON with 400 problem+json, never 500', async () => {
    const response = await t.http
      .post('/api/agencies')
      .set(await t.auth('COORDINATOR'))
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps audit rows append-only in the database itself', async () => {
    await t.dataSource.query(
      `INSERT INTO audit_events (actor, action, entity, entity_id) VALUES ('test', 'created', 'agency', gen_random_uuid())`,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
