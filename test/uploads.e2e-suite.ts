import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { nulCharacterFields, validationPipe } from '../src/http/validation.pipe';
import { UPLOADS_PER_LINK } from '../src/participant-links/link-upload.guard';
import { FixedClock } from '../src/time/clock';
import { aDocx, anOdt, DANGEROUS, PDF } from './support/documents';
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
import { personalPathOf } from './support/links';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 17: uploads cannot stall the server, and what comes back out is what was checked. */
describe('uploads', () => {
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let t: TestApp;
  let dir: Directory;
  let meeting: MeetingBody;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    dir = await seedDirectory(t);
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-14T10:00:00Z')],
        participants: [
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: dir.people.father.id, role: 'PARENT' },
          { personId: dir.people.teacher.id, role: 'EDUCATION' },
          { personId: dir.people.police.id, role: 'POLICE' },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  const linkOf = (personId: string) => personalPathOf(t, participantOf(meeting, personId).id);

  /**
   * Streams up to `total` bytes of a multipart body at `path` and resolves with the status as soon as the server
   * answers, however much was sent by then: a server that reads everything first answers only at the end.
   */
  function streamUpload(
    path: string,
    total: number,
    declareLength: boolean,
  ): Promise<{ status: number; sent: number }> {
    return new Promise((resolve, reject) => {
      const boundary = 'quorumboundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      );
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const request = http.request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path,
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          ...(declareLength ? { 'Content-Length': String(head.length + total) } : {}),
        },
      });
      let sent = 0;
      let answered = false;
      request.on('response', (response) => {
        answered = true;
        response.resume();
        resolve({ status: response.statusCode ?? 0, sent });
        request.destroy();
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      request.write(head);
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        if (!answered) request.end();
      };
      pump();
    });
  }

  it('refuses 300 MB to a made-up link before reading it, with or without a declared length', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const chunked = await streamUpload('/p/made-up-token/documents', 300 * 1024 * 1024, false);
    expect(chunked.status).toBe(404);
    const declared = await streamUpload('/p/made-up-token/documents', 300 * 1024 * 1024, true);
    expect(declared.status).toBe(413);
    expect(chunked.sent + declared.sent).toBeLessThan(100 * 1024 * 1024); // answered long before the end
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a file larger than the limit through a real link too, without holding it', async () => {
    // Multer reads past its limit only to discard (so the client sees the answer): memory does not grow.
    global.gc?.();
    const before = process.memoryUsage().rss;
    const response = await streamUpload(`${await linkOf(dir.people.police.id)}/documents`, 100 * 1024 * 1024, false);
    expect(response.status).toBe(413);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  /**
   * Watches this process's event loop (the app runs in the jest process) with a 5 ms timer and returns, on stop, the
   * longest time the loop was held between two ticks. Each gap is counted as the lesser of its wall time and the CPU
   * the process used in it: a block on the loop takes both, whereas a busy machine (other test files on the same
   * cores) stretches only the wall time and the thread pool (hashing) adds only CPU. So the bound holds under load
   * yet still catches a block: walking a 9 MB Buffer byte by byte held the loop for over 10 s by either measure.
   */
  function watchEventLoop(): () => { longestMs: number; ticks: number } {
    const gaps: number[] = [];
    let wall = performance.now();
    let cpu = process.cpuUsage();
    let watching = true;
    const tick = () => {
      const used = process.cpuUsage(cpu);
      const now = performance.now();
      gaps.push(Math.min(now - wall, (used.user + used.system) / 1000));
      [wall, cpu] = [now, process.cpuUsage()];
      if (watching) setTimeout(tick, 5);
    };
    setTimeout(tick, 5);
    return () => {
      watching = false;
      return { longestMs: Math.max(...gaps), ticks: gaps.length };
    };
  }

  it('keeps the event loop free (no block of 100 ms) while a 9 MB upload is checked and stored, /health answering', async () => {
    const file = Buffer.alloc(9 * 1024 * 1024, 'Attendance was 96% this term.\n');
    const link = await linkOf(dir.people.teacher.id);
    const stop = watchEventLoop();
    let done = false;
    const upload = t.http
      .post(`${link}/documents`)
      .set('Accept', 'application/json')
      .field('title', 'Long report')
      .attach('file', file, 'report.txt')
      .then((response) => {
        done = true;
        return response;
      });
    const health: number[] = [];
    while (!done) {
      health.push((await t.http.get('/health')).status);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const uploaded = await upload;
    const loop = stop();
    expect(uploaded.status).toBe(201);
    expect(health.every((status) => status === 200)).toBe(true);
    expect(loop.ticks).toBeGreaterThan(2);
    expect(loop.longestMs).toBeLessThan(100);
    const [{ size }] = await t.dataSource.query(
      `SELECT octet_length(content)::int AS size FROM documents WHERE id = $1`,
      [uploaded.body.id],
    );
    expect(size).toBe(file.length);
  });

  it("hands an uploaded file's Buffer through the validation pipe untouched, never walking its bytes", async () => {
    // What @UploadedFile() gives the global pipe (metadata type 'custom'): multer's part, its bytes in a Buffer. The
    // Buffer is wrapped to count enumerations of its keys: the slow path (Object.entries over the Buffer) made one
    // per upload, building an entry per byte. Its size does not matter here, so it is small.
    let enumerated = 0;
    const bytes = Buffer.alloc(64 * 1024, 0x61);
    const buffer = new Proxy(bytes, {
      ownKeys: (target) => {
        enumerated += 1;
        return Reflect.ownKeys(target);
      },
    });
    const part = {
      fieldname: 'file',
      originalname: 'report.txt',
      encoding: '7bit',
      mimetype: 'text/plain',
      size: bytes.length,
      buffer,
    };
    const piped = (await validationPipe().transform(part, { type: 'custom' })) as typeof part;
    expect(piped.buffer).toBe(buffer);
    expect(enumerated).toBe(0);
    expect(nulCharacterFields({ title: 'Long report', file: buffer })).toEqual([]);
    expect(enumerated).toBe(0);
    // The form's own fields are still checked.
    expect(nulCharacterFields({ title: 'Long\u0000report', file: buffer })).toEqual([
      expect.objectContaining({ field: 'title' }),
    ]);
  });

  it.each(DANGEROUS)('refuses $name with 415 (staff route)', async ({ name, content }) => {
    const response = await t.http
      .post(`/api/meetings/${meeting.id}/documents`)
      .set(await coordinatorOf(t))
      .field('title', 'Report')
      .field('audience', 'ALL_PARTICIPANTS')
      .attach('file', content, name);
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it(`refuses dangerous files through a parent's link with 415, and stops a link after ${UPLOADS_PER_LINK.limit} uploads`, async () => {
    const link = await linkOf(dir.people.mother.id);
    const statuses: number[] = [];
    for (const { name, content } of DANGEROUS.slice(0, UPLOADS_PER_LINK.limit + 1)) {
      statuses.push(
        (await t.http.post(`${link}/documents`).set('Accept', 'application/json').attach('file', content, name)).status,
      );
    }
    expect(statuses).toEqual([...Array(UPLOADS_PER_LINK.limit).fill(415), 429]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM documents WHERE meeting_id = $1 AND participant_id = $2`,
      [meeting.id, participantOf(meeting, dir.people.mother.id).id],
    );
    expect(n).toBe(0);
  });

  it('serves each accepted type typed from its content, with a safe name, as an attachment', async () => {
    const link = await linkOf(dir.people.father.id);
    const cases = [
      { file: PDF, name: 'Dad\'s "statement".pdf', type: 'application/pdf', download: 'Dad_s _statement.pdf' },
      {
        file: aDocx(),
        name: 'letter.docx',
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        download: 'letter.docx',
      },
      { file: anOdt(), name: 'letter', type: 'application/vnd.oasis.opendocument.text', download: 'letter.odt' },
      {
        file: Buffer.from('My view of the plan.\n'),
        name: 'view.txt',
        type: 'text/plain; charset=utf-8',
        download: 'view.txt',
      },
    ];
    for (const c of cases) {
      const uploaded = await t.http
        .post(`${link}/documents`)
        .set('Accept', 'application/json')
        .attach('file', c.file, c.name)
        .expect(201);
      // Read by a member of staff invited to the meeting (issue 16: staff see what they have a part in).
      const staff = await t.http
        .get(`/api/meetings/${meeting.id}/documents/${uploaded.body.id}/content`)
        .set(await t.auth('VIEWER', { id: dir.people.teacher.id }))
        .expect(200);
      const own = await t.http.get(`${link}/documents/${uploaded.body.id}`).expect(200);
      for (const response of [staff, own]) {
        expect(response.headers['content-type']).toBe(c.type);
        expect(response.headers['content-disposition']).toBe(`attachment; filename="${c.download}"`);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    }
  });

  it('answers deeply nested JSON with 400, not 500', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const rsvp = await t.http.post('/p/anything/rsvp').set('Content-Type', 'application/json').send(deep);
    expect([400, 404]).toContain(rsvp.status);
    const link = await linkOf(dir.people.police.id);
    const response = await t.http
      .post(`${link}/rsvp`)
      .set('Content-Type', 'application/json')
      .send(`{"response":"ACCEPTED","x":${'['.repeat(100000)}${']'.repeat(100000)}}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
