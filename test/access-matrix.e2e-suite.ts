import { StaffRole } from '../src/auth/staff-user';
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
import { startTestApp, TestApp } from './support/test-app';

type Relation = 'chair' | 'invited' | 'booker' | 'coordinator' | 'none';
type Auth = { Authorization: string };

/** What the meeting-type table's access rules say (README "Who may see and change what"), written out by hand. */
const SEES: Relation[] = ['chair', 'invited', 'booker', 'coordinator'];
const CHANGES: Relation[] = ['chair', 'booker', 'coordinator'];
const BOOKER_ROLES: StaffRole[] = ['COORDINATOR', 'CHAIR', 'IRO', 'MARAC_COORDINATOR', 'ADMIN'];
const WRITER_ROLES: StaffRole[] = ['COORDINATOR', 'CHAIR', 'IRO', 'MARAC_COORDINATOR', 'SOCIAL_WORKER', 'ADMIN'];

interface Actor {
  label: string;
  role: StaffRole;
  relation: Relation;
  auth: Auth;
  personId: string | null;
}

describe('who may see and change a meeting: role × relation × type', () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  const types: [string, 'chair' | 'iro', StaffRole, 'CHILD' | 'ADULT_VICTIM', StaffRole][] = [
    // type, who chairs, the chair's role, the case's kind, a role that may book it
    ['ICPC', 'chair', 'CHAIR', 'CHILD', 'CHAIR'],
    ['LAC_REVIEW', 'iro', 'IRO', 'CHILD', 'IRO'],
    ['MARAC', 'chair', 'CHAIR', 'ADULT_VICTIM', 'MARAC_COORDINATOR'],
  ];

  it.each(types)('%s', async (type, chairKey, chairRole, kind, bookerRole) => {
    const subject = await aCase(t, { kind });
    const invitedPerson = await post<{ id: string }>(t, '/api/people', {
      name: `Invited to the ${type}`,
      kind: 'PROFESSIONAL',
      agencyId: dir.agencies.council,
    });
    const booker = await t.auth(bookerRole, { name: `Booker of the ${type}` });
    const booked = await t.http
      .post('/api/meetings')
      .set(booker)
      .send(
        aBooking({
          type,
          caseIds: [subject.id],
          chairId: dir.people[chairKey].id,
          allowOverlap: true,
          sessions: [aSession('2027-02-10T10:00:00Z', 60)],
          participants: [
            { personId: invitedPerson.id, role: 'SOCIAL_WORKER' },
            { personId: dir.people.police.id, role: 'POLICE' },
          ],
        }),
      )
      .expect(201);
    const meeting = booked.body as MeetingBody;
    const police = participantOf(meeting, dir.people.police.id);
    const coordinatorRole: StaffRole = type === 'MARAC' ? 'MARAC_COORDINATOR' : 'COORDINATOR';

    const actors: Actor[] = [
      {
        label: 'its chair',
        role: chairRole,
        relation: 'chair',
        auth: await t.auth(chairRole, { id: dir.people[chairKey].id }),
        personId: dir.people[chairKey].id,
      },
      {
        label: 'its booker',
        role: bookerRole,
        relation: bookerRole === coordinatorRole ? 'coordinator' : 'booker',
        auth: booker,
        personId: null,
      },
      {
        label: 'a coordinator of its type',
        role: coordinatorRole,
        relation: 'coordinator',
        auth: await coordinatorOf(t, type),
        personId: null,
      },
      ...(['SOCIAL_WORKER', 'VIEWER'] as StaffRole[]).map((role) => ({
        label: `a ${role} invited to it`,
        role,
        relation: 'invited' as const,
        auth: { Authorization: '' },
        personId: invitedPerson.id,
      })),
      ...(
        [
          'VIEWER',
          'SOCIAL_WORKER',
          'CHAIR',
          'IRO',
          type === 'MARAC' ? 'COORDINATOR' : 'MARAC_COORDINATOR',
          ...(type === 'MARAC' ? ['ADMIN'] : []),
        ] as StaffRole[]
      ).map((role) => ({
        label: `a ${role} with no part in it`,
        role,
        relation: 'none' as const,
        auth: { Authorization: '' },
        personId: null,
      })),
    ];
    for (const actor of actors)
      if (!actor.auth.Authorization)
        actor.auth = await t.auth(
          actor.role,
          actor.personId ? { id: actor.personId } : { name: `${actor.role} without a part` },
        );
    if (type !== 'MARAC')
      actors.push({
        label: 'an administrator',
        role: 'ADMIN',
        relation: 'coordinator',
        auth: await t.auth('ADMIN'),
        personId: null,
      });

    const url = `/api/meetings/${meeting.id}`;
    const version = async () =>
      (await t.dataSource.query(`SELECT version, status FROM meetings WHERE id = $1`, [meeting.id]))[0];
    const answers: string[] = [];
    const check = (actor: Actor, action: string, got: number, expected: number) => {
      if (got !== expected)
        answers.push(`${type}: ${actor.label} (${actor.role}) ${action} → ${got}, expected ${expected}`);
    };

    for (const actor of actors) {
      const sees = SEES.includes(actor.relation);
      const changes = CHANGES.includes(actor.relation);
      const before = await version();

      check(actor, 'reads', (await t.http.get(url).set(actor.auth)).status, sees ? 200 : 404);
      const listed = await t.http.get(`/api/meetings?type=${type}`).set(actor.auth).expect(200);
      check(
        actor,
        'finds it in the list',
        listed.body.items.some((m: { id: string }) => m.id === meeting.id) ? 200 : 404,
        sees ? 200 : 404,
      );
      check(
        actor,
        'lists its documents',
        (await t.http.get(`${url}/documents`).set(actor.auth)).status,
        sees ? 200 : 404,
      );
      check(
        actor,
        'reads an invite',
        (await t.http.get(`${url}/participants/${police.id}/invite.ics`).set(actor.auth)).status,
        sees ? 200 : 404,
      );
      check(
        actor,
        'reads the case',
        (await t.http.get(`/api/cases/${subject.id}`).set(actor.auth)).status,
        sees || (actor.relation === 'none' && actor.role === 'MARAC_COORDINATOR') ? 200 : 404,
      );

      const mayChangeByRole = BOOKER_ROLES.includes(actor.role);
      const expectedChange = !mayChangeByRole ? 403 : !sees ? 404 : changes ? 200 : 403;
      const patched = await t.http
        .patch(`${url}/sessions/${meeting.sessions[0].id}`)
        .set(actor.auth)
        .send({ join: { accessCode: '123456' } });
      check(actor, 'changes it', patched.status, expectedChange);
      const cancelStatus =
        changes && mayChangeByRole
          ? null
          : (await t.http.post(`${url}/cancel`).set(actor.auth).send({ reason: 'Not mine to cancel' })).status;
      if (cancelStatus !== null) check(actor, 'cancels it', cancelStatus, !mayChangeByRole ? 403 : !sees ? 404 : 403);

      const writes = (await t.http.put(`${url}/minutes`).set(actor.auth).send({ summary: 'A record' })).status;
      check(
        actor,
        'writes the record',
        writes,
        !WRITER_ROLES.includes(actor.role) ? 403 : !sees ? 404 : actor.relation === 'chair' ? 200 : 403,
      );

      const feed = (await t.http.get(`/api/people/${dir.people.police.id}/feed`).set(actor.auth)).status;
      check(actor, 'reads a participant’s feed URL', feed, actor.label === 'its booker' ? 200 : 404);
      // Rotating answers with the new key, so it is refused to exactly those who may not read it (and cuts off nobody's feed).
      if (actor.label !== 'its booker')
        check(
          actor,
          'rotates a participant’s feed',
          (await t.http.post(`/api/people/${dir.people.police.id}/feed/rotate`).set(actor.auth)).status,
          mayChangeByRole ? 404 : 403,
        );

      // Nothing is written when refused: the meeting's version moves only with an allowed change.
      const after = await version();
      if (expectedChange !== 200 && after.version !== before.version)
        answers.push(`${type}: ${actor.label} changed the meeting though refused`);
      expect(after.status).toBe('SCHEDULED');
    }
    expect(answers).toEqual([]);

    // Every refusal is in the trail, naming a person.
    const refusals = await t.dataSource.query(
      `SELECT actor, actor_name FROM audit_events WHERE action = 'access.refused' AND entity_id = $1`,
      [meeting.id],
    );
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(refusal.actor_name).toEqual(expect.any(String));
    // And so is every read of an invite.
    const reads = await t.dataSource.query(
      `SELECT DISTINCT actor_name FROM audit_events WHERE action = 'invite.read' AND meeting_id = $1`,
      [meeting.id],
    );
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });
});
