import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { anAccount, csrfOf, signedIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

/** The words of a page, without its markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('staff pages (server-rendered, signed in with a session)', () => {
  let t: TestApp;
  let dir: Directory;
  // Monday 23 November 2026, 09:00 in London.
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let chair: Awaited<ReturnType<typeof signedIn>>;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let today: MeetingBody;
  let notMine: MeetingBody;
  let child: { id: string; reference: string };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
    chair = await signedIn(t, await anAccount(t, { email: dir.people.chair.email!, roles: ['CHAIR'] }));
    coordinator = await signedIn(
      t,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
    child = await aCase(t);
    const book = (startsAt: string, fields: Record<string, unknown> = {}) =>
      post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({
          caseIds: [child.id],
          chairId: dir.people.chair.id,
          allowOverlap: true,
          sessions: [aSession(startsAt, 60, { join: { videoUrl: 'https://video.example/m', accessCode: '123456' } })],
          participants: [
            { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
            { personId: dir.people.mother.id, role: 'PARENT' },
          ],
          ...fields,
        }),
      );
    today = await book('2026-11-23T14:00:00Z');
    await book('2026-11-26T10:00:00Z', { type: 'RCPC' });
    await book('2026-12-01T10:00:00Z', { type: 'CORE_GROUP' });
    await book('2026-12-15T10:00:00Z');
    notMine = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.iro.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-24T10:00:00Z')],
      }),
    );
  });
  afterAll(() => t.close());

  it('sends a person who is not signed in to the sign-in page, and back afterwards', async () => {
    const response = await t.http.get('/meetings?type=ICPC').expect(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fmeetings%3Ftype%3DICPC');
  });

  it('shows the chair their meetings today, later this week and next week, by day, and what needs them', async () => {
    const home = text((await chair.get('/').expect(200)).text);
    expect(home).toMatch(
      /Today Monday 23 November 2026 14:00 to 15:00 Initial child protection conference – case CR-[\d-]+ – Video/,
    );
    expect(home).toMatch(/Later this week Thursday 26 November 2026 10:00 to 11:00 Review child protection conference/);
    expect(home).toMatch(/Next week Tuesday 1 December 2026 10:00 to 11:00 Core group meeting/);
    expect(home.split('Needs you')[0]).not.toContain('15 December');
    expect(home).not.toContain('ICPC');
    expect(home).toMatch(
      /Needs you .*Initial child protection conference, Monday 23 November 2026, 14:00 \(UK time\): 2 people have not replied/,
    );
    expect(home).toContain('1 report not in');
  });

  it('shows a meeting with its joining details, participants, replies and each invitation, all in words', async () => {
    await t.dataSource.query(
      `UPDATE deliveries SET status = 'FAILED', last_error = '550 mailbox unavailable' WHERE meeting_id = $1 AND participant_id = $2`,
      [today.id, today.participants.find((p) => p.personId === dir.people.police.id)!.id],
    );
    const page = text((await chair.get(`/meetings/${today.id}`).expect(200)).text);
    expect(page).toContain('Initial child protection conference');
    expect(page).toContain('Monday 23 November 2026, 14:00 to 15:00 (UK time)');
    expect(page).toContain('Video link https://video.example/m');
    expect(page).toContain('Access code (PIN) 123456');
    expect(page).toMatch(
      /DC Sam Patel Northshire Police Police Report not received Not replied The meeting: Failed 550 mailbox unavailable/,
    );
    expect(page).toMatch(/Amelia Testparent Parent Not replied The meeting: Queued/);
    expect(page).toContain('Reports in (0 of 1)');
    expect(page).not.toMatch(/NEEDS_ACTION|VIRTUAL|POLICE|PENDING/);
  });

  it('sends a failed invitation again from the meeting page', async () => {
    // "Your meetings" says what needs the chair: the failed invitation, until it is sent again.
    expect(text((await chair.get('/').expect(200)).text)).toContain('1 invitation failed');
    const before = (await chair.get(`/meetings/${today.id}`).expect(200)).text;
    const police = today.participants.find((p) => p.personId === dir.people.police.id)!;
    expect(before).toContain(`/participants/${police.id}/resend`);
    // Only the participant whose invitation failed is offered it.
    expect(before.match(/\/resend"/g)).toHaveLength(1);
    await chair
      .post(`/meetings/${today.id}/participants/${police.id}/resend`)
      .type('form')
      .send({ _csrf: csrfOf(before) })
      .expect(303)
      .expect('Location', `/meetings/${today.id}?resent=1`);
    const after = text((await chair.get(`/meetings/${today.id}?resent=1`).expect(200)).text);
    expect(after).toContain('The invitations are queued to be sent again.');
    expect(after).toMatch(/DC Sam Patel Northshire Police Police Report not received Not replied The meeting: Queued/);
    expect(text((await chair.get('/').expect(200)).text)).not.toContain('invitation failed');
  });

  it('answers 404 for a meeting the person has no part in, and leaves it out of the list', async () => {
    const refused = await chair.get(`/meetings/${notMine.id}`).expect(404);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(text(refused.text)).toContain('Page not found');
    await chair.get(`/meetings/${notMine.id}/cancel`).expect(404);
    const list = (await chair.get('/meetings').expect(200)).text;
    expect(list).toContain(`/meetings/${today.id}`);
    expect(list).not.toContain(notMine.id);
    expect((await coordinator.get('/meetings').expect(200)).text).toContain(notMine.id);
  });

  it('filters by type, dates and case reference, names a filter it cannot read, and pages through', async () => {
    const byType = text((await coordinator.get('/meetings?type=RCPC').expect(200)).text);
    expect(byType).toContain('Showing 1 to 1 of 1');
    const byDates = text(
      (
        await coordinator
          .get('/meetings?from-day=24&from-month=11&from-year=2026&to-day=30&to-month=11&to-year=2026')
          .expect(200)
      ).text,
    );
    expect(byDates).toContain('Showing 1 to 2 of 2');
    const byCase = text((await coordinator.get(`/meetings?case=${child.reference.toLowerCase()}`).expect(200)).text);
    expect(byCase).toContain('Showing 1 to 4 of 4');
    expect(text((await coordinator.get('/meetings?case=NO-SUCH-CASE').expect(200)).text)).toContain(
      'No meetings match these filters',
    );
    const bad = (await coordinator.get('/meetings?from-day=31&from-month=2&from-year=2027').expect(200)).text;
    expect(bad).toContain('There is a problem');
    expect(bad).toContain('<a href="#from-day">The &quot;from&quot; date must be a real date, like 27 3 2027</a>');
    expect(bad).toMatch(/<title>Error: Meetings/);

    for (let i = 0; i < 20; i++)
      await post(
        t,
        '/api/meetings',
        aBooking({
          caseIds: [child.id],
          chairId: dir.people.iro.id,
          allowOverlap: true,
          sessions: [aSession(`2027-01-${String(4 + (i % 20)).padStart(2, '0')}T10:00:00Z`)],
        }),
      );
    const first = text((await coordinator.get(`/meetings?case=${child.reference}`).expect(200)).text);
    expect(first).toContain('Showing 1 to 20 of 24');
    const second = (await coordinator.get(`/meetings?case=${child.reference}&page=2`).expect(200)).text;
    expect(text(second)).toContain('Showing 21 to 24 of 24');
    expect(second).toContain(`href="/meetings?case&#x3D;${child.reference}&amp;page&#x3D;1"`);
  });

  it('cancels a meeting with a reason through a confirmation page, and tells everyone invited', async () => {
    const form = (await chair.get(`/meetings/${today.id}/cancel`).expect(200)).text;
    const noReason = await chair
      .post(`/meetings/${today.id}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(form), reason: '  ' })
      .expect(422);
    expect(noReason.text).toContain('<a href="#reason">Enter why the meeting is cancelled</a>');
    const check = await chair
      .post(`/meetings/${today.id}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(form), reason: 'Family moved out of the area' })
      .expect(200);
    expect(text(check.text)).toContain('Are you sure you want to cancel this meeting?');
    expect(text(check.text)).toContain('All 3 people invited get a cancellation');
    // Nothing is cancelled until the person confirms.
    expect((await t.dataSource.query(`SELECT status FROM meetings WHERE id = $1`, [today.id]))[0].status).toBe(
      'SCHEDULED',
    );
    // Without the session's CSRF token the confirmation is refused.
    await chair
      .post(`/meetings/${today.id}/cancel`)
      .type('form')
      .send({ reason: 'Family moved out of the area', confirm: 'yes', version: '1' })
      .expect(403);
    const version = /name="version" value="(\d+)"/.exec(check.text)![1];
    await chair
      .post(`/meetings/${today.id}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(check.text), reason: 'Family moved out of the area', confirm: 'yes', version })
      .expect(303)
      .expect('Location', `/meetings/${today.id}?cancelled=1`);
    const page = text((await chair.get(`/meetings/${today.id}?cancelled=1`).expect(200)).text);
    expect(page).toContain('The meeting is cancelled. Everyone invited is being told.');
    expect(page).toContain('Reason: Family moved out of the area');
    const [{ cancels }] = await t.dataSource.query(
      `SELECT count(*)::int AS cancels FROM deliveries WHERE meeting_id = $1 AND kind = 'CANCEL'`,
      [today.id],
    );
    expect(cancels).toBe(3);
  });
});

describe('booking a meeting through the pages', () => {
  let t: TestApp;
  let dir: Directory;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let child: { id: string; reference: string };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
    coordinator = await signedIn(
      t,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
    child = await aCase(t);
    // The initial conference that the review's timescale runs from (Working Together: a first review within 3 months).
    await post(
      t,
      '/api/meetings',
      aBooking({ caseIds: [child.id], chairId: dir.people.chair.id, sessions: [aSession('2026-11-25T10:00:00Z')] }),
    );
  });
  afterAll(() => t.close());

  const form = (fields: Record<string, string>) => ({
    type: 'RCPC',
    case: child.reference,
    chairId: dir.people.chair.id,
    format: 'VIRTUAL',
    parts: '1',
    people: '2',
    's0-date-day': '14',
    's0-date-month': '1',
    's0-date-year': '2027',
    's0-start': '10:00',
    's0-videoUrl': 'https://video.example/rcpc',
    'p0-person': dir.people.police.id,
    'p0-role': 'POLICE',
    'p0-report': 'yes',
    'p1-person': dir.people.mother.id,
    'p1-role': 'PARENT',
    ...fields,
  });

  it('offers only the types the person may book, then the form those rules imply', async () => {
    const types = text((await coordinator.get('/meetings/new').expect(200)).text);
    expect(types).toContain('Review child protection conference');
    expect(types).not.toContain('Multi-agency risk assessment conference');
    await coordinator.get('/meetings/new?type=MARAC').expect(422);
    const rcpc = text((await coordinator.get('/meetings/new?type=RCPC').expect(200)).text);
    expect(rcpc).toContain('Book a review child protection conference');
    expect(rcpc).toMatch(/Pre-reads are due .* A Review child protection conference usually lasts 90 minutes/);
  });

  it('names each field it cannot read in an error summary, and keeps what was typed', async () => {
    const page = (await coordinator.get('/meetings/new?type=RCPC')).text;
    const refused = await coordinator
      .post('/meetings/new')
      .type('form')
      .send({
        ...form({ case: '', 's0-date-day': '31', 's0-date-month': '2', 's0-videoUrl': '' }),
        _csrf: csrfOf(page),
        action: 'check',
      })
      .expect(422);
    expect(refused.text).toContain('<a href="#case">Enter the case reference</a>');
    expect(refused.text).toContain('<a href="#s0-date-day">The date must be a real date, like 27 3 2027</a>');
    expect(refused.text).toContain('<a href="#s0-videoUrl">Enter a video link or a dial-in number for the meeting</a>');
    expect(refused.text).toContain('value="10:00"');
    const unknownCase = await coordinator
      .post('/meetings/new')
      .type('form')
      .send({ ...form({ case: 'NO-SUCH-CASE' }), _csrf: csrfOf(page), action: 'check' })
      .expect(422);
    expect(text(unknownCase.text)).toContain(
      'No case has this reference. Check it, or tick “Create a new case with this reference”',
    );
    expect(unknownCase.text).toContain('id="newCase"');
  });

  it('checks the answers with the statutory date and pre-read deadline, then books and sends the invitations', async () => {
    const page = (await coordinator.get('/meetings/new?type=RCPC')).text;
    const check = await coordinator
      .post('/meetings/new')
      .type('form')
      .send({ ...form({}), _csrf: csrfOf(page), action: 'check' })
      .expect(200);
    const answers = text(check.text);
    expect(answers).toContain('Check your answers before booking');
    expect(answers).toContain('When Thursday 14 January 2027, 10:00 to 11:30 (UK time)');
    expect(answers).toContain('Statutory latest date Thursday 25 February 2027 Within timescale Yes');
    expect(answers).toMatch(/Pre-reads due by \w+day \d+ January 2027, \d\d:\d\d \(UK time\)/);
    expect(answers).toContain('Morgan Chair, Chair');
    expect(answers).toContain('DC Sam Patel, Police (report required)');
    expect(answers).toContain('Amelia Testparent, Parent');
    // Nothing is booked until the person says so.
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM meetings`))[0].n).toBe(1);
    const change = await coordinator
      .post('/meetings/new')
      .type('form')
      .send({ ...form({}), _csrf: csrfOf(check.text), action: 'change' })
      .expect(200);
    expect(change.text).toContain('Book a review child protection conference');
    expect(change.text).toContain('value="https://video.example/rcpc"');
    const booked = await coordinator
      .post('/meetings/new')
      .type('form')
      .send({ ...form({}), _csrf: csrfOf(check.text), action: 'book' })
      .expect(303);
    const id = /\/meetings\/([0-9a-f-]{36})$/.exec(booked.headers.location)![1];
    const meeting = text((await coordinator.get(`/meetings/${id}`).expect(200)).text);
    expect(meeting).toContain('Review child protection conference');
    expect(meeting).toContain('Thursday 14 January 2027, 10:00 to 11:30 (UK time)');
    const [{ invites }] = await t.dataSource.query(
      `SELECT count(*)::int AS invites FROM deliveries WHERE meeting_id = $1 AND kind = 'INVITE'`,
      [id],
    );
    expect(invites).toBe(3);
  });

  it('puts what the booking service refuses beside its field', async () => {
    const page = (await coordinator.get('/meetings/new?type=RCPC')).text;
    // The father is invited twice: the service refuses, naming the participant.
    const refused = await coordinator
      .post('/meetings/new')
      .type('form')
      .send({
        ...form({
          'p0-person': dir.people.father.id,
          'p0-role': 'PARENT',
          'p1-person': dir.people.father.id,
          'p1-role': 'PARENT',
        }),
        _csrf: csrfOf(page),
        action: 'book',
      });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('<a href="#p1-person">Is listed twice</a>');
    expect(refused.text).toMatch(
      /id="p1-person-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> Is listed twice/,
    );
  });
});
