import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { PLAIN_ENGLISH } from '../src/meeting-types/plain-english';
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
import { personalPathOf } from './support/links';
import { anAccount, signedIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

/** The words of a page, without its markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** From one heading of a page to the next `<h2`/`<h3` (a part of the meeting, a section). */
const part = (html: string, heading: string) => html.split(heading)[1]?.split(/<h[23]/)[0] ?? '';

describe("the family's and partners' page /p/:token (issue 21)", () => {
  let t: TestApp;
  let dir: Directory;
  let meeting: MeetingBody;
  let fatherPath: string;
  let motherPath: string;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [
          aSession('2026-12-03T10:00:00Z', 60, {
            label: 'Professionals and mother',
            join: { videoUrl: 'https://video.example/one', dialInNumber: '+44 20 7946 0111', accessCode: '482911' },
          }),
          aSession('2026-12-03T13:00:00Z', 60, {
            label: 'Professionals and father',
            join: { videoUrl: 'https://video.example/two', dialInNumber: '+44 20 7946 0222', accessCode: '482912' },
          }),
        ],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.noEmailGran.id, role: 'GRANDPARENT' },
          { personId: dir.people.mother.id, role: 'PARENT', sessions: [0] },
          // He joins by phone: his page leads with the number and the PIN.
          { personId: dir.people.father.id, role: 'PARENT', sessions: [1], accessNeeds: { phoneOnly: true } },
        ],
      }),
    );
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
    fatherPath = await personalPathOf(t, participantOf(meeting, dir.people.father.id).id);
    motherPath = await personalPathOf(t, participantOf(meeting, dir.people.mother.id).id);
    coordinator = await signedIn(
      t,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
  });
  afterAll(() => t.close());

  it('shows a parent what the meeting is in plain English, their own part only, in words and London time, phone first where that is their way', async () => {
    const html = (await t.http.get(fatherPath).expect(200)).text;
    const page = text(html);
    expect(html).toContain('/assets/govuk-frontend.min.css');
    expect(html).not.toContain('href="/meetings'); // no staff navigation
    for (const paragraph of PLAIN_ENGLISH.ICPC.whatHappens) expect(page).toContain(paragraph);
    expect(page).toContain(PLAIN_ENGLISH.ICPC.supporter);
    expect(page).toContain(PLAIN_ENGLISH.ICPC.interpreter);
    expect(page).toContain(PLAIN_ENGLISH.ICPC.viewsInWriting);
    expect(page).not.toContain(PLAIN_ENGLISH.LAC_REVIEW.whatHappens[0]);

    // His part only: the mother's session, its PIN and its number are not on his page.
    expect(page).toContain('Professionals and father');
    expect(page).toContain('Thursday 3 December 2026, 13:00 (UK time) to 14:00');
    expect(page).not.toContain('Professionals and mother');
    expect(page).not.toContain('482911');
    expect(page).not.toContain('7946 0111');
    // Phone first: the number and the PIN before the video link.
    const his = part(html, 'Professionals and father');
    expect(his.indexOf('Join by phone')).toBeGreaterThan(-1);
    expect(his.indexOf('Join by phone')).toBeLessThan(his.indexOf('Access code (PIN)'));
    expect(his.indexOf('Access code (PIN)')).toBeLessThan(his.indexOf('Join by video'));
    expect(his).toContain('href="tel:+442079460222"');

    // Who else, by role and agency, in words; family members by their role, never their names.
    expect(page).toContain('Police – Northshire Police');
    expect(page).toContain('Grandparent (family member)');
    expect(page).toContain('Chair – Northshire Children’s Services');
    expect(page).not.toMatch(/\b(POLICE|GRANDPARENT|PARENT|ICPC|NEEDS_ACTION)\b/);
    for (const name of ['Amelia', 'Gwen', 'Testparent', 'DC Sam Patel', 'Morgan Chair'])
      expect(page).not.toContain(name);

    // The report deadline with its day, the reply, sending views, and asking for help.
    expect(page).toMatch(/Reports are due by Tuesday 1 December 2026, \d\d:\d\d \(UK time\)/);
    expect(html).toContain(`action="${fatherPath}/rsvp"`);
    expect(html).toContain(`action="${fatherPath}/documents"`);
    expect(html).toContain(`href="${fatherPath}/help"`);
  });

  it('lists the video link first for a participant who does not join by phone', async () => {
    const html = (await t.http.get(motherPath).expect(200)).text;
    const hers = part(html, 'Professionals and mother');
    expect(hers.indexOf('Join by video')).toBeGreaterThan(-1);
    expect(hers.indexOf('Join by video')).toBeLessThan(hers.indexOf('Join by phone'));
    expect(text(html)).not.toContain('482912');
  });

  it('takes "I need help to take part", confirms it, and puts it on the coordinator’s tasks and the meeting page', async () => {
    const form = (await t.http.get(`${fatherPath}/help`).expect(200)).text;
    expect(form).toContain(`action="${fatherPath}/help"`);
    expect(form).not.toContain('_csrf'); // the token in the path is the credential, as for the reply

    const sent = await t.http
      .post(`${fatherPath}/help`)
      .type('form')
      .send({ interpreterLanguage: 'Polish', phoneCall: 'yes', accessNeeds: 'Step-free access, please' })
      .expect(303);
    expect(sent.headers.location).toBe(`${fatherPath}/help/sent`);
    const confirmation = text((await t.http.get(sent.headers.location).expect(200)).text);
    expect(confirmation).toContain('We have your request for help');
    expect(confirmation).toContain('an interpreter (Polish)');
    expect(confirmation).toContain('to take part by phone instead');

    // His page shows what he asked for.
    expect(text((await t.http.get(fatherPath).expect(200)).text)).toContain('an interpreter (Polish)');

    // The coordinator's tasks: a new kind of task, with its meeting, who and what to arrange.
    const tasks = text((await coordinator.get('/tasks').expect(200)).text);
    const help = tasks.split('Asked for help to take part')[1] ?? '';
    expect(help).toContain('Initial child protection conference, Thursday 3 December 2026, 10:00 (UK time)');
    expect(help).toContain('Barry Testparent (Parent)');
    expect(help).toContain('an interpreter (Polish), to take part by phone instead, “Step-free access, please”');

    // The meeting page's access needs, and the chair's checklist (the API), read the same participant.
    const meetingPage = text((await coordinator.get(`/meetings/${meeting.id}`).expect(200)).text);
    expect(meetingPage).toContain(
      'Barry Testparent: Interpreter: Polish; Joins by phone only; Asked on their page: Step-free access, please',
    );
    const checklist = await t.http
      .get(`/api/meetings/${meeting.id}/checklist`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    const father = participantOf(meeting, dir.people.father.id).id;
    expect(checklist.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'BOOK_INTERPRETER', participantId: father, language: 'Polish' }),
        expect.objectContaining({ kind: 'ACCESSIBILITY', participantId: father }),
      ]),
    );

    // Audited, without the words of the request.
    const [event] = await t.dataSource.query(
      `SELECT actor, changes FROM audit_events WHERE action = 'participant.asked_for_help' AND entity_id = $1`,
      [father],
    );
    expect(event.actor).toBe(`participant:${father}`);
    expect(event.changes).toMatchObject({ interpreter: true, phoneCall: true, accessNeeds: true });
    expect(JSON.stringify(event.changes)).not.toContain('Step-free');
  });

  it("does not show one participant's request for help to another", async () => {
    const mothers = text((await t.http.get(motherPath).expect(200)).text);
    expect(mothers).not.toContain('Polish');
    expect(mothers).not.toContain('Step-free');
    expect(mothers).not.toContain('You have asked for');
    // She has sent none: there is no confirmation for her to open.
    await t.http.get(`${motherPath}/help/sent`).expect(404);
  });

  it('refuses an empty or malformed request by field, stores nothing, and 404s an unknown link', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM help_requests`);
    const empty = await t.http
      .post(`${motherPath}/help`)
      .type('form')
      .send({ interpreterLanguage: '', accessNeeds: '  ' })
      .expect(422);
    expect(empty.headers['content-type']).toMatch(/^text\/html/);
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('href="#interpreterLanguage"');
    expect(empty.text).toMatch(/<title>Error: /);

    const json = await t.http.post(`${motherPath}/help`).send({ phoneCall: 'maybe', shoeSize: 9 }).expect(400);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['phoneCall', 'shoeSize']);
    await t.http.post(`${motherPath}/help`).send({ interpreterLanguage: 'Polish\r\nBcc: x' }).expect(400);
    await t.http.post('/p/made-up-token/help').type('form').send({ interpreterLanguage: 'Polish' }).expect(404);
    await t.http.get('/p/made-up-token/help').expect(404);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM help_requests`)).toEqual(before);

    // JSON clients get the request back.
    const created = await t.http.post(`${motherPath}/help`).send({ phoneCall: true }).expect(201);
    expect(created.body).toMatchObject({ phoneCall: true, interpreterLanguage: null, accessNeeds: null });
  });

  it('refuses a request for help once the meeting is cancelled', async () => {
    const child = await aCase(t);
    const other = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'CIN_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        sessions: [aSession('2026-12-08T10:00:00Z', 60)],
        participants: [{ personId: dir.people.mother.id, role: 'PARENT' }],
      }),
    );
    const path = await personalPathOf(t, participantOf(other, dir.people.mother.id).id);
    expect(text((await t.http.get(path).expect(200)).text)).toContain(PLAIN_ENGLISH.CIN_REVIEW.whatHappens[0]);
    await t.http
      .post(`/api/meetings/${other.id}/cancel`)
      .set(await t.auth('COORDINATOR'))
      .send({ reason: 'Rearranged' })
      .expect(200);
    await t.http.post(`${path}/help`).type('form').send({ interpreterLanguage: 'Polish' }).expect(409);
    expect(text((await t.http.get(`${path}/help`).expect(200)).text)).toContain('has been cancelled or has ended');
  });
});
