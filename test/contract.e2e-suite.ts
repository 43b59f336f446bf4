import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { personalPathOf } from './support/links';
import { startTestApp, TestApp } from './support/test-app';
import { FixedClock } from '../src/time/clock';

/** Deviations from API.md a reviewer found, each pinned by the behaviour the contract promises. */
describe('the public contract', () => {
  let t: TestApp;
  let dir: Directory;
  let meeting: MeetingBody;
  // Early in the year, so summer (BST) meetings can still be booked.
  const clock = new FixedClock(new Date('2026-05-01T09:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({ caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2026-12-03T10:00:00Z')] }),
    );
  });
  afterAll(() => t.close());

  describe('media types', () => {
    const expect415 = (
      response: { status: number; headers: Record<string, string>; body: { title: string; detail: string } },
      expected: string,
    ) => {
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.title).toBe('Unsupported Media Type');
      expect(response.body.detail).toContain(expected);
    };

    it('answers a JSON endpoint sent text/plain, a form or XML with 415 naming application/json', async () => {
      const staff = await t.auth('ADMIN');
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        expect415(
          await t.http.post('/api/people').set(staff).set('Content-Type', type).send('name=Someone&kind=PROFESSIONAL'),
          'application/json',
        );
      }
      expect415(
        await t.http
          .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
          .set(staff)
          .set('Content-Type', 'text/plain')
          .send('{}'),
        'application/json',
      );
      expect415(
        await t.http.put(`/api/meetings/${meeting.id}/minutes`).set(staff).set('Content-Type', 'text/csv').send('a,b'),
        'application/json',
      );
    });

    it('answers a new person as it reads one back, without the feed’s internal columns', async () => {
      const staff = await t.auth('ADMIN');
      const created = await t.http
        .post('/api/people')
        .set(staff)
        .send({ name: 'Someone', kind: 'PROFESSIONAL' })
        .expect(201);
      const read = await t.http.get(`/api/people/${created.body.id}`).set(staff).expect(200);
      expect(Object.keys(created.body).sort()).toEqual(Object.keys(read.body).sort());
      expect(created.body).not.toHaveProperty('feedTokenHash');
    });

    it('asks who is calling first: no token is 401 and a viewer is 403, whatever the body', async () => {
      await t.http.post('/api/people').set('Content-Type', 'text/plain').send('x').expect(401);
      await t.http
        .post('/api/people')
        .set(await t.auth('VIEWER'))
        .set('Content-Type', 'text/plain')
        .send('x')
        .expect(403);
    });

    it('still takes application/json and +json bodies, and requests with no body', async () => {
      const staff = await t.auth('ADMIN');
      await t.http
        .post('/api/agencies')
        .set(staff)
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ name: 'A', kind: 'OTHER' }))
        .expect(201);
      await t.http
        .post('/api/agencies')
        .set(staff)
        .set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify({ name: 'B', kind: 'OTHER' }))
        .expect(201);
      const participant = meeting.participants[0];
      // No body and no Content-Type: the media-type check lets it through, and the re-send is done (a 500 would fail here too).
      const resent = await t.http
        .post(`/api/meetings/${meeting.id}/participants/${participant.id}/resend`)
        .set(staff)
        .expect(200);
      expect(resent.body).toMatchObject({ id: meeting.id, sequence: meeting.sequence + 1 });
    });

    it('answers the document upload sent JSON with 415 naming multipart/form-data', async () => {
      const staff = await t.auth('ADMIN');
      expect415(
        await t.http
          .post(`/api/meetings/${meeting.id}/documents`)
          .set(staff)
          .send({ title: 'Report', audience: 'ALL_PARTICIPANTS' }),
        'multipart/form-data',
      );
      const upload = await t.http
        .post(`/api/meetings/${meeting.id}/documents`)
        .set(staff)
        .field('title', 'Report')
        .field('audience', 'PROFESSIONALS')
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'report.pdf');
      expect(upload.status).toBe(201);
    });
  });

  describe('dates in query strings', () => {
    let late: MeetingBody;
    let morning: MeetingBody;
    let caseId: string;
    const listed = async (query: string) => {
      const response = await t.http
        .get(`/api/meetings?caseId=${caseId}&${query}`)
        .set(await t.auth('COORDINATOR'))
        .expect(200);
      return response.body.items.map((m: MeetingBody) => m.id);
    };

    beforeAll(async () => {
      caseId = (await aCase(t)).id;
      const book = (startsAt: string) =>
        post<MeetingBody>(
          t,
          '/api/meetings',
          aBooking({
            type: 'CORE_GROUP',
            caseIds: [caseId],
            chairId: dir.people.iro.id,
            sessions: [aSession(startsAt, 30)],
          }),
        );
      morning = await book('2026-07-01T10:00:00Z');
      // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST): held on 2 July.
      late = await book('2026-07-01T23:30:00Z');
      expect(late.heldOn).toBe('2026-07-02');
    });

    it('compares a date-only from/to with the London date the meeting is held on, inclusively', async () => {
      expect(await listed('from=2026-07-02&to=2026-07-02')).toEqual([late.id]);
      expect(await listed('from=2026-07-01&to=2026-07-01')).toEqual([morning.id]);
      expect(await listed('to=2026-07-01')).toEqual([morning.id]);
      expect(await listed('from=2026-07-01&to=2026-07-02')).toEqual([morning.id, late.id]);
    });

    it('compares an instant with the start itself, not with its date', async () => {
      expect(await listed('from=2026-07-01T10:00:00Z&to=2026-07-01T10:00:00Z')).toEqual([morning.id]);
      expect(await listed('from=2026-07-01T10:00:00.001Z')).toEqual([late.id]);
      expect(await listed(`to=${encodeURIComponent('2026-07-02T00:29:59+01:00')}`)).toEqual([morning.id]);
      expect(await listed(`from=${encodeURIComponent('2026-07-02T00:30:00+01:00')}`)).toEqual([late.id]);
    });

    it.each([
      ['/api/meetings?from=2026-02-30', 'from'],
      ['/api/meetings?to=2026-13-01', 'to'],
      ['/api/meetings?from=2026-02-30T10:00:00Z', 'from'],
      ['/api/meetings?to=2026-07-01T25:00:00Z', 'to'],
      ['/api/reports/meetings?from=2026-02-30&to=2026-03-31', 'from'],
      ['/api/reports/meetings?from=2026-01-01&to=2026-13-01', 'to'],
    ])('refuses the impossible date in %s with 400 naming %s', async (url, field) => {
      const response = await t.http
        .get(url)
        .set(await t.auth('COORDINATOR'))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    });
  });

  describe('timestamps', () => {
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const stamps = (items: { id: string; createdAt?: string; updatedAt?: string }[]) =>
      items
        .map(({ id, createdAt, updatedAt }) => ({ id, createdAt, updatedAt }))
        .sort((a, b) => a.id.localeCompare(b.id));

    it('answers the booking with createdAt and updatedAt on every session and participant, as stored', async () => {
      const child = await aCase(t);
      const before = Date.now();
      const booked = await post<MeetingBody & { createdAt: string }>(
        t,
        '/api/meetings',
        aBooking({
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          sessions: [aSession('2026-12-10T10:00:00Z'), aSession('2026-12-10T13:00:00Z')],
          participants: [{ personId: dir.people.police.id, role: 'POLICE' }],
        }),
      );
      const items = [...booked.sessions, ...booked.participants] as {
        id: string;
        createdAt?: string;
        updatedAt?: string;
      }[];
      expect(items).toHaveLength(4);
      for (const item of items) {
        expect(item.createdAt).toMatch(ISO);
        expect(item.updatedAt).toMatch(ISO);
        expect(Math.abs(new Date(item.createdAt!).getTime() - before)).toBeLessThan(60_000);
      }
      const read = await t.http
        .get(`/api/meetings/${booked.id}`)
        .set(await t.auth('COORDINATOR'))
        .expect(200);
      expect(stamps(read.body.sessions)).toEqual(stamps(booked.sessions));
      expect(stamps(read.body.participants)).toEqual(stamps(booked.participants));
    });
  });

  describe('ETags', () => {
    it('puts no ETag on an error answer, such as a 412 for a stale If-Match', async () => {
      const staff = await t.auth('COORDINATOR');
      const stale = await t.http
        .post(`/api/meetings/${meeting.id}/cancel`)
        .set(staff)
        .set('If-Match', '"999999"')
        .send({ reason: 'Stale' })
        .expect(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.headers.etag).toBeUndefined();
      const missing = await t.http.get('/api/meetings/00000000-0000-4000-8000-000000000000').set(staff).expect(404);
      expect(missing.headers.etag).toBeUndefined();
    });

    it('keeps the meeting version ETag and the calendar feed ETag, which answers If-None-Match with 304', async () => {
      const staff = await t.auth('COORDINATOR');
      const read = await t.http.get(`/api/meetings/${meeting.id}`).set(staff).expect(200);
      expect(read.headers.etag).toMatch(/^"\d+"$/);
      await t.http.get(`/api/meetings/${meeting.id}`).set(staff).set('If-None-Match', read.headers.etag).expect(304);

      const { url } = (await t.http.get(`/api/people/${dir.people.chair.id}/feed`).set(staff).expect(200)).body as {
        url: string;
      };
      const feedPath = new URL(url).pathname;
      const feed = await t.http.get(feedPath).expect(200);
      expect(feed.headers.etag).toMatch(/^"[\w-]+"$/);
      await t.http.get(feedPath).set('If-None-Match', feed.headers.etag).expect(304);
    });
  });

  describe('the personal page', () => {
    /** The participant's personal link, re-created from its nonce as the worker does (staff never hold it). */
    async function personalPath(booked: MeetingBody, personId: string): Promise<string> {
      return personalPathOf(t, booked.participants.find((p) => p.personId === personId)!.id);
    }

    it('offers the upload form to every participant, and says who owes a report', async () => {
      const child = await aCase(t);
      const booked = await post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          sessions: [aSession('2026-12-14T10:00:00Z')],
          participants: [
            { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
            { personId: dir.people.teacher.id, role: 'EDUCATION' },
          ],
        }),
      );
      const owing = await t.http.get(await personalPath(booked, dir.people.police.id)).expect(200);
      expect(owing.text).toContain('You are asked to send a report.');
      expect(owing.text).toMatch(/<form method="post" action="\/p\/[^"]+\/documents"/);

      const teacherPath = await personalPath(booked, dir.people.teacher.id);
      const optional = await t.http.get(teacherPath).expect(200);
      expect(optional.text).not.toContain('You are asked to send a report.');
      expect(optional.text).toMatch(/<form method="post" action="\/p\/[^"]+\/documents"/);
      await t.http
        .post(`${teacherPath}/documents`)
        .field('title', 'School report')
        .attach('file', Buffer.from('Attendance 96%.\n'), 'school.txt')
        .expect(303);
      const documents = await t.http
        .get(`/api/meetings/${booked.id}/documents`)
        .set(await t.auth('COORDINATOR'))
        .expect(200);
      expect(documents.body.items.map((d: { title: string }) => d.title)).toContain('School report');
    });
  });

  describe('the OpenAPI document', () => {
    type Schema = {
      type?: string;
      $ref?: string;
      items?: Schema;
      properties?: Record<string, Schema>;
      required?: string[];
    };
    let doc: {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
      >;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (schema: Schema): Schema =>
      schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

    beforeAll(async () => {
      doc = (await t.http.get('/docs-json').expect(200)).body;
    });

    it('describes the meeting with its sessions and participants, each with their fields, and the timestamps', () => {
      const meetingSchema = resolve(
        doc.paths['/api/meetings'].post.responses['201'].content!['application/json'].schema,
      );
      expect(Object.keys(meetingSchema.properties!)).toEqual(
        expect.arrayContaining([
          'id',
          'status',
          'sequence',
          'preReadDeadline',
          'dueBy',
          'withinTimescale',
          'sessions',
          'participants',
          'createdAt',
          'updatedAt',
        ]),
      );
      const { sessions, participants } = meetingSchema.properties!;
      expect(sessions.type).toBe('array');
      expect(participants.type).toBe('array');
      expect(Object.keys(resolve(sessions.items!).properties!)).toEqual(
        expect.arrayContaining(['id', 'label', 'startsAt', 'endsAt', 'join', 'createdAt', 'updatedAt']),
      );
      expect(Object.keys(resolve(participants.items!).properties!)).toEqual(
        expect.arrayContaining([
          'id',
          'personId',
          'role',
          'sessionIds',
          'reportRequired',
          'rsvp',
          'createdAt',
          'updatedAt',
        ]),
      );
      const read = resolve(doc.paths['/api/meetings/{id}'].get.responses['200'].content!['application/json'].schema);
      expect(read).toBe(meetingSchema);
    });

    it('says the meetings report can be had as CSV', () => {
      const produces = Object.keys(doc.paths['/api/reports/meetings'].get.responses['200']?.content ?? {});
      expect(produces).toEqual(expect.arrayContaining(['application/json', 'text/csv']));
      expect(doc.paths['/api/reports/meetings'].get.responses['200'].content!['text/csv'].schema.type).toBe('string');
    });
  });
});
