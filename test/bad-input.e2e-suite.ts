import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import {
  aCase,
  aSession,
  Directory,
  MeetingBody,
  participantOf,
  post,
  seedDirectory,
  videoJoin,
} from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #8's bad input, thrown by fast-check: valid bookings, minutes and uploads with parts deleted, replaced by
 * garbage or joined by unknown fields, and bodies that are not JSON at all. Whatever arrives, the answer is never a
 * 5xx; a refusal is problem+json that names what was wrong, and nothing is stored. The logs are read afterwards:
 * nobody's name, email address or phone number may be in them.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 60);
/** To replay a failure: BAD_INPUT_SEED=<seed> (and BAD_INPUT_RUNS as it was). */
const RUN_OPTIONS = {
  numRuns: RUNS,
  ...(process.env.BAD_INPUT_SEED ? { seed: Number(process.env.BAD_INPUT_SEED) } : {}),
};

/** Values that are wrong somewhere: every JSON type, impossible dates, unknown ids, huge and hostile strings. */
const garbage: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    ' ',
    0,
    -1,
    1.5,
    true,
    false,
    [],
    {},
    Number.MAX_SAFE_INTEGER,
    '\u0000',
    '<script>x</script>',
    "'; DROP TABLE meetings; --",
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.uuid(),
  fc.constantFrom(
    '2026-02-30T10:00:00Z',
    '2026-12-03 10:00',
    'not-a-date',
    '2026-12-03T25:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-13-01',
    '1850-01-01',
  ),
  fc.constant('x'.repeat(20_000)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Every path into a JSON value: objects' keys and arrays' indexes, nested. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  return [];
}

type Mutation = { kind: 'delete' | 'replace' | 'unknown-field'; path: Path; value: Json };

function mutate(valid: Json, mutations: Mutation[]): Json {
  const copy = structuredClone<Json>(valid);
  for (const { kind, path, value } of mutations) {
    let parent = copy as Record<string | number, Json>;
    for (const step of path.slice(0, -1)) {
      const next = parent?.[step];
      if (next === null || typeof next !== 'object') return copy; // an earlier mutation removed the way here
      parent = next as Record<string | number, Json>;
    }
    const last = path[path.length - 1];
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (kind === 'replace') {
      parent[last] = value;
    } else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
      (parent[last] as Record<string, Json>).injected = value;
    }
  }
  return copy;
}

/** One to three mutations of `valid`, or (sometimes) the whole body replaced by garbage. */
function malformed(valid: Json): fc.Arbitrary<Json> {
  const paths = [[], ...pathsOf(valid)].filter((p) => p.length > 0);
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom<Mutation['kind']>('delete', 'replace', 'replace', 'unknown-field'),
    path: fc.constantFrom(...paths),
    value: garbage,
  });
  return fc.oneof(
    { weight: 9, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(valid, ms)) },
    { weight: 1, arbitrary: garbage },
  );
}

describe('bad input, thrown by fast-check', () => {
  let t: TestApp;
  let dir: Directory;
  let logs = '';
  let staff: { Authorization: string };
  let meeting: MeetingBody;
  let validBooking: Json;
  let validMinutes: Json;
  const answered = { refused: 0, accepted: 0 };

  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
    t = await startTestApp({ LOG_LEVEL: 'debug' }, { logDestination: destination });
    dir = await seedDirectory(t);
    staff = await t.auth('ADMIN');
    const child = await aCase(t);
    const { people } = dir;
    validBooking = {
      type: 'ICPC',
      format: 'VIRTUAL',
      caseIds: [child.id],
      chairId: people.chair.id,
      allowOverlap: true,
      sessions: [
        aSession('2027-03-03T10:00:00Z', 90, { label: 'Professionals and mother', join: videoJoin(1) }),
        aSession('2027-03-03T13:00:00Z', 60, { join: videoJoin(2) }),
      ],
      participants: [
        { personId: people.police.id, role: 'POLICE', sessions: [0, 1], reportRequired: true },
        { personId: people.mother.id, role: 'PARENT', sessions: [0] },
        { personId: people.father.id, role: 'PARENT', sessions: [1] },
      ],
    } as unknown as Json;
    meeting = await post<MeetingBody>(t, '/api/meetings', validBooking as object);
    validMinutes = {
      sessions: meeting.sessions.map((s) => ({ sessionId: s.id, method: 'VIDEO' })),
      attendance: [
        { participantId: participantOf(meeting, people.police.id).id, status: 'ATTENDED', joinedBy: 'VIDEO' },
        { participantId: participantOf(meeting, people.mother.id).id, status: 'ATTENDED', joinedBy: 'PHONE' },
        { participantId: participantOf(meeting, people.father.id).id, status: 'APOLOGIES' },
      ],
      summary: 'Concerns about neglect were shared by every agency.',
      planConsidered: true,
      decisions: [{ text: 'A child protection plan is needed', rationale: 'Risk of significant harm from neglect' }],
      actions: [
        {
          description: 'Core group to meet',
          ownerPersonId: people.socialWorker.id,
          dueOn: '2027-03-17',
          need: 'Safety',
        },
      ],
      outcomes: [{ caseId: child.id, outcome: 'CP_PLAN', category: 'NEGLECT' }],
    };
  });
  afterAll(async () => {
    await t.close();
  });

  /** Row counts of everything a booking, a record or an upload writes. */
  async function stored(): Promise<Record<string, number>> {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM meetings)::int AS meetings, (SELECT count(*) FROM meeting_sessions)::int AS sessions,
              (SELECT count(*) FROM participants)::int AS participants, (SELECT count(*) FROM deliveries)::int AS deliveries,
              (SELECT count(*) FROM minutes)::int AS minutes, (SELECT count(*) FROM documents)::int AS documents,
              (SELECT count(*) FROM audit_events)::int AS audits,
              (SELECT coalesce(max(updated_at), 'epoch')::text FROM minutes) AS minutes_changed`,
    );
    return row;
  }

  /** The contract for any answer to bad input; returns whether it was refused. */
  function expectRefusedOrAccepted(response: request.Response, acceptedStatus: number): boolean {
    if (response.status === acceptedStatus) {
      answered.accepted += 1;
      return false;
    }
    if (response.status >= 500 || response.status < 400) {
      const logged =
        logs
          .split('\n')
          .filter((line) => line.includes('"Unhandled error"'))
          .pop() ?? '';
      throw new Error(
        `answered ${response.status} to ${String(response.request?.url)} with ${JSON.stringify(response.body).slice(0, 300)}\nsent: ${String((response.request as unknown as { _data?: unknown })?._data).slice(0, 1500)}\nlogged: ${logged.slice(0, 1500)}`,
      );
    }
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: response.status,
      title: expect.any(String),
      detail: expect.any(String),
    });
    if (response.status === 400 && response.body.errors) {
      for (const error of response.body.errors)
        expect(error).toEqual({ field: expect.any(String), message: expect.any(String) });
    }
    answered.refused += 1;
    return true;
  }

  it('never answers a malformed booking with a 5xx, and stores nothing when it refuses one', async () => {
    await fc.assert(
      fc.asyncProperty(malformed(validBooking), async (body) => {
        const before = await stored();
        const response = await t.http
          .post('/api/meetings')
          .set(staff)
          .type('application/json')
          .send(JSON.stringify(body));
        if (expectRefusedOrAccepted(response, 201)) expect(await stored()).toEqual(before);
        else expect((await stored()).meetings).toBe(before.meetings + 1);
      }),
      RUN_OPTIONS,
    );
  });

  it('never answers a malformed record with a 5xx, and changes nothing when it refuses one', async () => {
    await fc.assert(
      fc.asyncProperty(malformed(validMinutes), async (body) => {
        const before = await stored();
        const response = await t.http
          .put(`/api/meetings/${meeting.id}/minutes`)
          .set(staff)
          .type('application/json')
          .send(JSON.stringify(body));
        if (expectRefusedOrAccepted(response, 200)) expect(await stored()).toEqual(before);
      }),
      RUN_OPTIONS,
    );
  });

  it('never answers a malformed upload with a 5xx, and stores nothing when it refuses one', async () => {
    const field = fc.oneof(
      fc.constantFrom('PROFESSIONALS', 'ALL_PARTICIPANTS', '', 'EVERYONE'),
      fc.string({ maxLength: 20 }),
      fc.uuid(),
    );
    const upload = fc.record(
      {
        title: fc.oneof(fc.constant('Police report'), fc.string({ maxLength: 300 })),
        audience: field,
        participantId: fc.oneof(
          fc.uuid(),
          fc.constant(participantOf(meeting, dir.people.police.id).id),
          fc.string({ maxLength: 10 }),
        ),
        file: fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.constant(new Uint8Array()),
          fc.string().map((s) => new TextEncoder().encode(s)),
        ),
        filename: fc.oneof(
          fc.constant('report.pdf'),
          fc.string({ maxLength: 40 }).filter((s) => s.trim().length > 0 && !/["\r\n\\]/.test(s)),
        ),
        fileField: fc.constantFrom('file', 'file', 'attachment'),
      },
      { requiredKeys: ['file', 'fileField', 'filename'] },
    );
    await fc.assert(
      fc.asyncProperty(upload, async ({ file, fileField, filename, ...fields }) => {
        const before = await stored();
        let call = t.http.post(`/api/meetings/${meeting.id}/documents`).set(staff);
        for (const [key, value] of Object.entries(fields)) call = call.field(key, value);
        const response = await call.attach(fileField, Buffer.from(file), filename);
        if (expectRefusedOrAccepted(response, 201)) expect(await stored()).toEqual(before);
      }),
      RUN_OPTIONS,
    );
  });

  it('answers bodies that are not JSON, or not the JSON expected, with 4xx problem+json', async () => {
    const before = await stored();
    const raw = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '[]', 'null', '"text"', '{"type":', '\u0000\u0001', '{"sessions":[{"startsAt":{}}]}'),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'application/merge-patch+json',
    );
    await fc.assert(
      fc.asyncProperty(
        raw,
        contentType,
        fc.constantFrom('/api/meetings', `/api/meetings/${meeting.id}/cancel`, '/api/people', '/api/cases'),
        async (body, type, url) => {
          const response = await t.http.post(url).set(staff).set('Content-Type', type).send(body);
          expectRefusedOrAccepted(response, -1);
        },
      ),
      RUN_OPTIONS,
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses a NUL character, which PostgreSQL cannot store, naming the field (found by the property above)', async () => {
    const body = structuredClone(validMinutes) as { actions: { need: string }[] };
    body.actions[0].need = 'Safety\u0000';
    const response = await t.http.put(`/api/meetings/${meeting.id}/minutes`).set(staff).send(body).expect(400);
    expect(response.body.errors).toEqual([{ field: 'actions[0].need', message: 'must not contain a NUL character' }]);
  });

  it('was mostly given input that is wrong (or the properties above say little)', () => {
    expect(answered.refused).toBeGreaterThan(answered.accepted * 3);
  });

  it('logs what it refused without anyone’s name, email address or phone number', async () => {
    // A refused person carries all three: none may reach the logs, even from a 400.
    await t.http
      .post('/api/people')
      .set(staff)
      .send({ name: 'Zelda Testchild', email: 'zelda@family.example', phone: '+44 7700 900999', kind: 'CHILD' })
      .expect(400);
    expect(logs).toMatch(/"statusCode":400/);
    const people = [...Object.values(dir.people), { name: 'Zelda Testchild', email: 'zelda@family.example' }];
    for (const person of people) {
      expect(logs).not.toContain(person.name);
      if (person.email) expect(logs).not.toContain(person.email);
    }
    for (const phone of ['+44 7700 900111', '+44 7700 900222', '+44 7700 900333', '+44 7700 900999'])
      expect(logs).not.toContain(phone);
  });
});
