import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { calendarPart } from './support/mail';
import { anAccount, csrfOf, signedIn } from './support/sessions';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/** A meeting's version as booked: a confirmation carrying it after a change is stale. */
const FIRST_VERSION = '1';

/** The words of a page, without its markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('changing a meeting from its page (forms, confirmation, the invites they cause)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dir: Directory;
  // Monday 23 November 2026, 09:00 in London.
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));
  let chair: Awaited<ReturnType<typeof signedIn>>;
  // An IRO invited to the meeting: they see it, and may book meetings, but this one is not theirs to change.
  let invitedIro: Awaited<ReturnType<typeof signedIn>>;
  let meeting: MeetingBody;
  let worker: DeliveryWorker;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    worker = t.get<DeliveryWorker>(DeliveryWorker);
    dir = await seedDirectory(t);
    chair = await signedIn(t, await anAccount(t, { email: dir.people.chair.email!, roles: ['CHAIR'] }));
    invitedIro = await signedIn(t, await anAccount(t, { email: dir.people.iro.email!, roles: ['IRO'] }));
    const child = await aCase(t);
    meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [
          aSession('2026-12-03T10:00:00Z', 60, { join: { videoUrl: 'https://video.example/m', accessCode: '123456' } }),
        ],
        participants: [
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: dir.people.iro.id, role: 'IRO' },
        ],
      }),
    );
    await worker.drain();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const sessionUrl = () => `/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}/change`;

  it('offers the change to the chair, filled in with the part as it is, in UK time', async () => {
    const page = (await chair.get(`/meetings/${meeting.id}`).expect(200)).text;
    expect(page).toContain(`href="${sessionUrl()}"`);
    const form = (await chair.get(sessionUrl()).expect(200)).text;
    expect(text(form)).toContain('Now: Thursday 3 December 2026, 10:00 to 11:00 (UK time)');
    expect(form).toMatch(/id="start" name="start"[^>]*value="10:00"/);
    expect(form).toMatch(/name="videoUrl"[^>]*value="https:\/\/video.example\/m"/);
  });

  it('refuses someone who may see the meeting but not change it, and shows them no change links', async () => {
    const page = (await invitedIro.get(`/meetings/${meeting.id}`).expect(200)).text;
    expect(page).not.toContain('/change"');
    expect(page).not.toContain('/cancel"');
    await invitedIro.get(sessionUrl()).expect(403);
    await invitedIro
      .post(sessionUrl())
      .type('form')
      .send({
        _csrf: csrfOf(page),
        'date-day': '4',
        'date-month': '12',
        'date-year': '2026',
        start: '14:00',
        end: '15:00',
        videoUrl: 'https://video.example/m',
        confirm: 'yes',
        version: FIRST_VERSION,
      })
      .expect(403);
    expect(
      (await t.dataSource.query(`SELECT starts_at FROM meeting_sessions WHERE id = $1`, [meeting.sessions[0].id]))[0]
        .starts_at,
    ).toEqual(new Date('2026-12-03T10:00:00Z'));
  });

  it('names each field it cannot read beside the field and in the error summary', async () => {
    const form = (await chair.get(sessionUrl()).expect(200)).text;
    const bad = await chair
      .post(sessionUrl())
      .type('form')
      .send({
        _csrf: csrfOf(form),
        'date-day': '31',
        'date-month': '11',
        'date-year': '2026',
        start: '14:00',
        end: '13:00',
        videoUrl: '',
      })
      .expect(422);
    expect(bad.text).toContain('<a href="#date-day">The date must be a real date, like 27 3 2027</a>');
    expect(bad.text).toContain('<a href="#videoUrl">Enter a video link or a dial-in number</a>');
    expect(bad.text).toMatch(/id="videoUrl-error"/);
    expect(bad.text).toMatch(/<title>Error: /);
  });

  it('moves the part through "are you sure", and everyone invited to it gets an updated invitation', async () => {
    const form = (await chair.get(sessionUrl()).expect(200)).text;
    const fields = {
      'date-day': '4',
      'date-month': '12',
      'date-year': '2026',
      start: '14:00',
      end: '15:30',
      videoUrl: 'https://video.example/new',
      dialInNumber: '',
      accessCode: '654321',
      venue: '',
    };
    const check = await chair
      .post(sessionUrl())
      .type('form')
      .send({ _csrf: csrfOf(form), ...fields })
      .expect(200);
    expect(text(check.text)).toContain('Are you sure you want to change this part?');
    expect(text(check.text)).toContain('Changes to Friday 4 December 2026, 14:00 to 15:30 (UK time)');
    expect(text(check.text)).toContain('All 4 people invited to this part get an updated invitation');
    // Nothing changes until the person confirms.
    expect(
      (await t.dataSource.query(`SELECT starts_at FROM meeting_sessions WHERE id = $1`, [meeting.sessions[0].id]))[0]
        .starts_at,
    ).toEqual(new Date('2026-12-03T10:00:00Z'));
    // Without the session's CSRF token the confirmation is refused.
    await chair
      .post(sessionUrl())
      .type('form')
      .send({ ...fields, confirm: 'yes', version: FIRST_VERSION })
      .expect(403);

    const version = /name="version" value="(\d+)"/.exec(check.text)![1];
    smtp.clear();
    await chair
      .post(sessionUrl())
      .type('form')
      .send({ _csrf: csrfOf(check.text), ...fields, confirm: 'yes', version })
      .expect(303)
      .expect('Location', `/meetings/${meeting.id}?changed=session`);
    const page = text((await chair.get(`/meetings/${meeting.id}?changed=session`).expect(200)).text);
    expect(page).toContain('The part is changed. Everyone invited to it is getting an updated invitation.');
    expect(page).toContain('Friday 4 December 2026, 14:00 to 15:30 (UK time)');
    expect(page).toContain('Access code (PIN) 654321');

    await worker.drain();
    for (const person of [dir.people.police, dir.people.mother]) {
      const mails = smtp.to(person.email!);
      expect(mails).toHaveLength(1);
      const { invite } = calendarPart(mails[0]);
      expect(invite.method).toBe('REQUEST');
      expect(invite.sequence).toBeGreaterThan(0);
      expect(new Date(invite.start)).toEqual(new Date('2026-12-04T14:00:00Z'));
      expect(invite.description + (invite.location ?? '')).toContain('https://video.example/new');
    }
  });

  it('refuses a confirmation made on a page older than the meeting (someone else changed it meanwhile)', async () => {
    const form = (await chair.get(sessionUrl()).expect(200)).text;
    const stale = await chair
      .post(sessionUrl())
      .type('form')
      .send({
        _csrf: csrfOf(form),
        'date-day': '5',
        'date-month': '12',
        'date-year': '2026',
        start: '09:00',
        end: '10:00',
        videoUrl: 'https://video.example/new',
        confirm: 'yes',
        version: FIRST_VERSION,
      })
      .expect(412);
    expect(stale.text).toContain(
      '<a href="#date-day">Someone changed this meeting after you opened this page. Check the details and continue again</a>',
    );
    expect(
      (await t.dataSource.query(`SELECT starts_at FROM meeting_sessions WHERE id = $1`, [meeting.sessions[0].id]))[0]
        .starts_at,
    ).toEqual(new Date('2026-12-04T14:00:00Z'));
  });

  it('adds someone found by name, through "are you sure", and sends them an invitation', async () => {
    const page = (await chair.get(`/meetings/${meeting.id}`).expect(200)).text;
    expect(page).toContain(`href="/meetings/${meeting.id}/participants/add"`);
    await invitedIro.get(`/meetings/${meeting.id}/participants/add`).expect(403);

    const search = (await chair.get(`/meetings/${meeting.id}/participants/add?q=visitor%20HANA`).expect(200)).text;
    const visitor = dir.people.healthVisitor;
    expect(search).toContain(`value="${visitor.id}"`);
    // People already invited are not offered again.
    expect((await chair.get(`/meetings/${meeting.id}/participants/add?q=patel`).expect(200)).text).not.toContain(
      `value="${dir.people.police.id}"`,
    );

    const unchosen = await chair
      .post(`/meetings/${meeting.id}/participants/add`)
      .type('form')
      .send({ _csrf: csrfOf(search), q: 'visitor HANA', role: '' })
      .expect(422);
    expect(unchosen.text).toContain('<a href="#personId">Search for the person and choose them</a>');
    expect(unchosen.text).toContain('<a href="#role">Choose what they attend as</a>');

    const check = await chair
      .post(`/meetings/${meeting.id}/participants/add`)
      .type('form')
      .send({ _csrf: csrfOf(search), q: 'visitor HANA', personId: visitor.id, role: 'HEALTH_VISITOR', report: 'yes' })
      .expect(200);
    expect(text(check.text)).toContain('Are you sure you want to add this person?');
    expect(text(check.text)).toMatch(
      /Attends as Health visitor Invited to The meeting Report A report is asked of them/,
    );
    expect(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM participants WHERE meeting_id = $1 AND person_id = $2`,
          [meeting.id, visitor.id],
        )
      )[0].n,
    ).toBe(0);

    smtp.clear();
    const version = /name="version" value="(\d+)"/.exec(check.text)![1];
    await chair
      .post(`/meetings/${meeting.id}/participants/add`)
      .type('form')
      .send({
        _csrf: csrfOf(check.text),
        q: 'visitor HANA',
        personId: visitor.id,
        role: 'HEALTH_VISITOR',
        report: 'yes',
        confirm: 'yes',
        version,
      })
      .expect(303)
      .expect('Location', `/meetings/${meeting.id}?changed=participant-added`);
    const after = text((await chair.get(`/meetings/${meeting.id}?changed=participant-added`).expect(200)).text);
    expect(after).toContain('The person is added. Their invitation is on its way.');
    expect(after).toMatch(/Health visitor Report not received/);

    await worker.drain();
    const mails = smtp.to(visitor.email!);
    expect(mails).toHaveLength(1);
    expect(calendarPart(mails[0]).invite).toMatchObject({ method: 'REQUEST' });
    expect(new Date(calendarPart(mails[0]).invite.start)).toEqual(new Date('2026-12-04T14:00:00Z'));
    // Nobody else is told.
    expect(smtp.to(dir.people.police.email!)).toHaveLength(0);
  });

  it('removes someone through "are you sure", and sends them a cancellation', async () => {
    const mother = meeting.participants.find((p) => p.personId === dir.people.mother.id)!;
    const page = (await chair.get(`/meetings/${meeting.id}`).expect(200)).text;
    expect(page).toContain(`/participants/${mother.id}/remove"`);
    expect((await invitedIro.get(`/meetings/${meeting.id}`).expect(200)).text).not.toContain('/remove"');
    await invitedIro.get(`/meetings/${meeting.id}/participants/${mother.id}/remove`).expect(403);

    const check = await chair.get(`/meetings/${meeting.id}/participants/${mother.id}/remove`).expect(200);
    expect(text(check.text)).toContain('Are you sure you want to remove Amelia Testparent?');
    expect(text(check.text)).toContain('Attends as Parent');
    // Never a family member's contact details on a staff page.
    expect(check.text).not.toMatch(/mother@family|7700 900111/);
    expect(
      (await t.dataSource.query(`SELECT removed_at FROM participants WHERE id = $1`, [mother.id]))[0].removed_at,
    ).toBeNull();

    smtp.clear();
    const version = /name="version" value="(\d+)"/.exec(check.text)![1];
    await chair
      .post(`/meetings/${meeting.id}/participants/${mother.id}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(check.text), version })
      .expect(303)
      .expect('Location', `/meetings/${meeting.id}?changed=participant-removed`);
    const after = text((await chair.get(`/meetings/${meeting.id}?changed=participant-removed`).expect(200)).text);
    expect(after).toContain('The person is removed. They are being told.');
    expect(after).not.toContain('Amelia Testparent');
    await worker.drain();
    const mails = smtp.to(dir.people.mother.email!);
    expect(mails).toHaveLength(1);
    expect(calendarPart(mails[0]).invite.method).toBe('CANCEL');
    expect(smtp.to(dir.people.police.email!)).toHaveLength(0);
  });

  it('excludes someone from a part with a reason, through "are you sure"; they get a cancellation for it', async () => {
    const police = meeting.participants.find((p) => p.personId === dir.people.police.id)!;
    const url = `/meetings/${meeting.id}/participants/${police.id}/exclude`;
    expect((await chair.get(`/meetings/${meeting.id}`).expect(200)).text).toContain(`${url}"`);
    await invitedIro.get(url).expect(403);

    const form = (await chair.get(url).expect(200)).text;
    expect(text(form)).toContain('Exclude DC Sam Patel from a part');
    const noReason = await chair
      .post(url)
      .type('form')
      .send({ _csrf: csrfOf(form), reason: ' ' })
      .expect(422);
    expect(noReason.text).toContain('<a href="#reason">Enter why they are excluded</a>');
    const check = await chair
      .post(url)
      .type('form')
      .send({ _csrf: csrfOf(form), reason: 'Discussion of third-party information' })
      .expect(200);
    expect(text(check.text)).toContain('Are you sure you want to exclude DC Sam Patel?');
    expect(text(check.text)).toContain('From The meeting: Friday 4 December 2026, 14:00 to 15:30 (UK time)');
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM exclusions WHERE participant_id = $1`, [police.id]))[0]
        .n,
    ).toBe(0);

    smtp.clear();
    await chair
      .post(url)
      .type('form')
      .send({
        _csrf: csrfOf(check.text),
        session: '0',
        reason: 'Discussion of third-party information',
        confirm: 'yes',
      })
      .expect(303)
      .expect('Location', `/meetings/${meeting.id}?changed=participant-excluded`);
    expect(text((await chair.get(`/meetings/${meeting.id}?changed=participant-excluded`).expect(200)).text)).toContain(
      'The person is excluded from that part, with the reason recorded.',
    );
    expect(await t.dataSource.query(`SELECT reason FROM exclusions WHERE participant_id = $1`, [police.id])).toEqual([
      { reason: 'Discussion of third-party information' },
    ]);
    await worker.drain();
    const mails = smtp.to(dir.people.police.email!);
    expect(mails).toHaveLength(1);
    expect(calendarPart(mails[0]).invite.method).toBe('CANCEL');
  });

  it("shows the meeting's timeline from the audit trail: changes in words, staff by name, family members never by their details", async () => {
    const page = text((await invitedIro.get(`/meetings/${meeting.id}`).expect(200)).text);
    const timeline = page.split('What has happened')[1];
    // Newest first.
    expect(timeline).toMatch(
      /DC Sam Patel excluded from a part .*, by Morgan Chair A family member removed .*, by Morgan Chair Hana Visitor added .*, by Morgan Chair Time or joining details changed .*, by Morgan Chair .*Meeting booked/,
    );
    expect(timeline).toMatch(/\d{2}:\d{2} \(UK time\)/);
    expect(page).not.toMatch(/Amelia|mother@family|7700 900111/);
    // Refusals and reads stay in the full trail, not here.
    expect(timeline).not.toMatch(/refused|read/i);
  });
});
