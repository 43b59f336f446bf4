import { PassThrough } from 'node:stream';
import { FixedClock } from '../src/time/clock';
import { startTestApp, TestApp } from './support/test-app';

// Its own file: with a second app started in the same file (as foundation's), the later app's start-up logs did not
// reach its log destination — nestjs-pino keeps module-level state — so the app whose logs are read is alone here.
describe('the shipped bank-holiday list running short', () => {
  let t: TestApp;
  let logs = '';

  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
    t = await startTestApp(
      { LOG_LEVEL: 'info' },
      { clock: new FixedClock(new Date('2028-03-01T09:00:00Z')), logDestination: destination },
    );
  });
  afterAll(() => t.close());

  it('is shown on /health as due a refresh, without failing it, and warned about at start-up', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.body.details.bankHolidays).toEqual({ status: 'up', coversUntil: '2028-12-31', refreshDue: true });
    expect(logs).toMatch(/bank-holiday list covers only until 2028-12-31: run npm run bank-holidays:update/);
  });
});
