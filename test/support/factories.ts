import type { TestApp } from './test-app';

/** Small builders for test data (STYLE.md "Tests"): each returns what the API answered. */
export interface Directory {
  agencies: Record<'council' | 'police' | 'health' | 'school' | 'idva', string>;
  people: Record<
    | 'chair'
    | 'iro'
    | 'socialWorker'
    | 'police'
    | 'healthVisitor'
    | 'teacher'
    | 'idva'
    | 'mother'
    | 'father'
    | 'noEmailGran',
    Person
  >;
}

export interface Person {
  id: string;
  name: string;
  email: string | null;
}

/**
 * The member of staff who coordinates meetings of this type (issue 16): business support for conferences and
 * reviews, the MARAC coordinator for MARAC. They see and change every meeting of the type, as the tests need.
 */
export function coordinatorOf(t: TestApp, type = 'ICPC'): Promise<{ Authorization: string }> {
  return t.auth(type === 'MARAC' ? 'MARAC_COORDINATOR' : 'COORDINATOR');
}

/** POST as the one who would: a booking by the coordinator of its type, everything else by the administrator. */
export async function post<T = Record<string, unknown>>(
  t: TestApp,
  url: string,
  body: object,
  expected = 201,
): Promise<T> {
  const booking = url === '/api/meetings' && 'type' in body;
  const response = await t.http
    .post(url)
    .set(booking ? await coordinatorOf(t, String(body.type)) : await t.auth('ADMIN'))
    .send(body);
  if (response.status !== expected)
    throw new Error(`POST ${url} → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

export async function seedDirectory(t: TestApp): Promise<Directory> {
  const agency = async (name: string, kind: string) =>
    (await post<{ id: string }>(t, '/api/agencies', { name, kind })).id;
  const agencies = {
    council: await agency('Northshire Children’s Services', 'LOCAL_AUTHORITY'),
    police: await agency('Northshire Police', 'POLICE'),
    health: await agency('Northshire Community Health', 'HEALTH'),
    school: await agency('Riverside Primary School', 'EDUCATION'),
    idva: await agency('Northshire IDVA Service', 'IDVA_SERVICE'),
  };
  const person = (
    name: string,
    email: string | null,
    kind: 'PROFESSIONAL' | 'FAMILY',
    agencyId?: string,
    phone?: string,
  ) =>
    post<Person>(t, '/api/people', {
      name,
      kind,
      ...(email ? { email } : {}),
      ...(agencyId ? { agencyId } : {}),
      ...(phone ? { phone } : {}),
    });
  const people = {
    chair: await person('Morgan Chair', 'chair@council.example', 'PROFESSIONAL', agencies.council),
    iro: await person('Ira Reviewer', 'iro@council.example', 'PROFESSIONAL', agencies.council),
    socialWorker: await person('Sasha Worker', 'sw@council.example', 'PROFESSIONAL', agencies.council),
    police: await person('DC Sam Patel', 'dc.patel@police.example', 'PROFESSIONAL', agencies.police),
    healthVisitor: await person('Hana Visitor', 'hv@health.example', 'PROFESSIONAL', agencies.health),
    teacher: await person('Tom Teacher', 'dsl@school.example', 'PROFESSIONAL', agencies.school),
    idva: await person('Iris Advocate', 'idva@idva.example', 'PROFESSIONAL', agencies.idva),
    mother: await person('Amelia Testparent', 'mother@family.example', 'FAMILY', undefined, '+44 7700 900111'),
    father: await person('Barry Testparent', 'father@family.example', 'FAMILY', undefined, '+44 7700 900222'),
    noEmailGran: await person('Gwen Testparent', null, 'FAMILY', undefined, '+44 7700 900333'),
  };
  return { agencies, people };
}

let references = 0;
export async function aCase(
  t: TestApp,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; reference: string }> {
  references += 1;
  return post(t, '/api/cases', {
    reference: `CR-${process.pid}-${references}`,
    kind: 'CHILD',
    subjectInitials: 'A.T.',
    ...fields,
  });
}

export interface SessionInput {
  label?: string;
  startsAt: string;
  endsAt: string;
  join?: Record<string, string | null>;
}

export const videoJoin = (n = 1) => ({
  videoUrl: `https://video.example/meet/${n}`,
  dialInNumber: '+44 20 7946 0000',
  accessCode: `48291${n}`,
});

export function aSession(startsAt: string, minutes = 90, fields: Partial<SessionInput> = {}): SessionInput {
  const endsAt = new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString();
  return { startsAt, endsAt, join: videoJoin(), ...fields };
}

export function aBooking(
  fields: Record<string, unknown> & { caseIds: string[]; chairId: string },
): Record<string, unknown> {
  return { type: 'ICPC', format: 'VIRTUAL', sessions: [aSession('2026-12-03T10:00:00Z')], participants: [], ...fields };
}

export interface MeetingBody {
  id: string;
  type: string;
  status: string;
  sequence: number;
  preReadDeadline: string;
  dueBy: string | null;
  dueBasis: string | null;
  withinTimescale: boolean | null;
  heldOn: string;
  caseIds: string[];
  sessions: {
    id: string;
    index: number;
    label: string | null;
    startsAt: string;
    endsAt: string;
    join: Record<string, string | null>;
  }[];
  participants: {
    id: string;
    personId: string;
    role: string;
    isChair: boolean;
    sessionIds: string[];
    reportRequired: boolean;
    rsvp: string;
    deliveries: { sessionId: string; kind: string; status: string; attempts: number }[];
  }[];
}

export function participantOf(meeting: MeetingBody, personId: string) {
  const found = meeting.participants.find((p) => p.personId === personId);
  if (!found) throw new Error(`person ${personId} is not a participant`);
  return found;
}
