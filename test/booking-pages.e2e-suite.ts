import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, post, seedDirectory } from './support/factories';
import { calendarPart } from './support/mail';
import { anAccount, csrfOf, signedIn } from './support/sessions';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

/** The words of a page, without its markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe('booking a meeting in parts through the pages (no JavaScript)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let worker: DeliveryWorker;
  let dir: Directory;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let child: { id: string; reference: string };
  // Monday 23 November 2026, 09:00 in London.
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'meetings@northshire.example' }, { clock });
    worker = t.get(DeliveryWorker);
    dir = await seedDirectory(t);
    coordinator = await signedIn(
      t,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
    child = await aCase(t);
    // The strategy discussion the conference's 15 working days run from.
    await post(
      t,
      '/api/meetings',
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-11-24T10:00:00Z', 60)],
      }),
    );
    await worker.drain();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => smtp.clear());

  const submit = (fields: Record<string, string>, action: string, csrfFrom: string) =>
    coordinator
      .post('/meetings/new')
      .type('form')
      .send({ ...fields, _csrf: csrfOf(csrfFrom), action });

  /** The fields of a page's booking form as the browser would post them: inputs, ticked boxes and chosen options. */
  function formFields(html: string): Record<string, string> {
    const form = html.slice(html.indexOf('action="/meetings/new"'));
    const fields: Record<string, string> = {};
    for (const [tag] of form.matchAll(/<input [^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
      if (!name || name === '_csrf') continue;
      if (/type="(checkbox|radio)"/.test(tag)) {
        if (/ checked/.test(tag)) fields[name] = value;
      } else fields[name] = value.replace(/&#x3D;/g, '=').replace(/&#x2F;/g, '/');
    }
    for (const [, name, options] of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
      fields[name] = /<option value="([^"]*)" selected>/.exec(options)?.[1] ?? '';
    for (const [, name, value] of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
      fields[name] = value;
    return fields;
  }

  const firstPart = {
    type: 'ICPC',
    chairId: '',
    format: 'VIRTUAL',
    's0-date-day': '3',
    's0-date-month': '12',
    's0-date-year': '2026',
    's0-start': '10:00',
    's0-end': '11:30',
    's0-videoUrl': 'https://video.example/meet/1',
    's0-accessCode': '482911',
  };

  it('books a split ICPC in two parts, the father in part 2 only, and each person gets one invitation per part', async () => {
    const start = await coordinator.get('/meetings/new?type=ICPC').expect(200);
    // The first part typed in, then "Add another part": the form comes back with both, nothing typed lost.
    const typed = {
      ...formFields(start.text),
      ...firstPart,
      case: child.reference,
      chairId: dir.people.chair.id,
      's0-label': '',
      'p0-person': dir.people.police.id,
      'p0-role': 'POLICE',
      'p0-report': 'yes',
      'p1-person': dir.people.mother.id,
      'p1-role': 'PARENT',
    };
    const twoParts = await submit(typed, 'add-part', start.text).expect(200);
    expect(twoParts.text).toContain('value="https://video.example/meet/1"');
    expect(text(twoParts.text)).toContain('Remove this part (part 2)');
    let fields = formFields(twoParts.text);
    // The new part is on the same day; the people chosen stay in the part they were in.
    expect([fields.parts, fields['s1-date-day'], fields['s1-date-month'], fields['p0-part-0']]).toEqual([
      '2',
      '3',
      '12',
      'yes',
    ]);
    expect(fields['p0-part-1']).toBeUndefined();

    const threePeople = await submit(fields, 'add-person', twoParts.text).expect(200);
    fields = {
      ...formFields(threePeople.text),
      's0-label': 'Professionals and mother',
      's1-label': 'Professionals and father',
      's1-start': '13:00',
      's1-end': '14:00',
      's1-dialInNumber': '+44 20 7946 0000',
      's1-accessCode': '482912',
      'p0-part-1': 'yes',
      'p1-interpreter': 'Polish',
      'p2-person': dir.people.father.id,
      'p2-role': 'PARENT',
    };
    expect(fields.people).toBe('3');

    // Nobody chose the father's part: the error is beside his boxes.
    const missingPart = await submit(fields, 'check', threePeople.text).expect(422);
    expect(missingPart.text).toContain('<a href="#p2-part-0">Choose which parts person 3 attends</a>');
    fields['p2-part-1'] = 'yes';

    const check = await submit(fields, 'check', missingPart.text).expect(200);
    const answers = text(check.text);
    expect(answers).toContain('Check your answers before booking');
    expect(answers).toMatch(/Statutory latest date \w+day \d+ December 2026 Within timescale Yes/);
    expect(answers).toContain('Pre-reads due by');
    expect(answers).toMatch(
      /Part 1: Professionals and mother When Thursday 3 December 2026, 10:00 to 11:30 \(UK time\).* Who gets an invitation to this part Morgan Chair, Chair – A calendar invitation by email DC Sam Patel, Police \(report required\) – A calendar invitation by email Amelia Testparent, Parent \(access needs: an interpreter for Polish\) – A calendar invitation by email Part 2/,
    );
    expect(answers).toMatch(
      /Part 2: Professionals and father When Thursday 3 December 2026, 13:00 to 14:00 \(UK time\).* Who gets an invitation to this part Morgan Chair, Chair – .* DC Sam Patel, Police \(report required\) – .* Barry Testparent, Parent – A calendar invitation by email Book/,
    );
    expect(answers.split('Part 2:')[1]).not.toContain('Amelia');
    expect(answers).not.toMatch(/ICPC|PARENT|POLICE|VIRTUAL/);
    // "Check your answers" tried the booking and rolled it back: nothing is booked or queued yet.
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM meetings WHERE type = 'ICPC'`))[0].n).toBe(0);

    const booked = await submit(formFields(check.text), 'book', check.text).expect(303);
    const id = /\/meetings\/([0-9a-f-]{36})$/.exec(booked.headers.location)![1];
    await worker.drain();

    const startsOf = (email: string) =>
      smtp
        .to(email)
        .map((m) => calendarPart(m).invite.start)
        .sort();
    expect(startsOf(dir.people.chair.email!)).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T13:00:00.000Z']);
    expect(startsOf(dir.people.police.email!)).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T13:00:00.000Z']);
    expect(startsOf(dir.people.mother.email!)).toEqual(['2026-12-03T10:00:00.000Z']);
    expect(startsOf(dir.people.father.email!)).toEqual(['2026-12-03T13:00:00.000Z']);
    expect(smtp.messages).toHaveLength(6);
    const fatherInvite = calendarPart(smtp.to(dir.people.father.email!)[0]).invite;
    expect(fatherInvite.method).toBe('REQUEST');
    expect(fatherInvite.description).toContain('+44 20 7946 0000');
    expect(fatherInvite.description).not.toContain('video.example/meet/1');
    // One UID per part, the same for everyone invited to it.
    const uids = new Set(smtp.messages.map((m) => calendarPart(m).invite.uid));
    expect(uids.size).toBe(2);

    const [mother] = await t.dataSource.query(
      `SELECT interpreter_language, report_required FROM participants WHERE meeting_id = $1 AND person_id = $2`,
      [id, dir.people.mother.id],
    );
    expect(mother).toEqual({ interpreter_language: 'Polish', report_required: false });
  });

  it('makes a case inline with the booking, and leaves none behind when the booking is refused', async () => {
    const start = await coordinator.get('/meetings/new?type=ICPC').expect(200);
    const fields = {
      ...formFields(start.text),
      ...firstPart,
      case: 'CR-NEW-7',
      chairId: dir.people.iro.id,
      's0-date-day': '10',
      'p0-person': dir.people.teacher.id,
      'p0-role': 'EDUCATION',
    };
    const unknown = await submit(fields, 'check', start.text).expect(422);
    expect(text(unknown.text)).toContain(
      'No case has this reference. Check it, or tick “Create a new case with this reference”',
    );
    const offered = formFields(unknown.text);
    expect(offered.newCase).toBeUndefined();
    expect(unknown.text).toContain('id="newCase"');
    // The teacher is listed twice: the booking service refuses once the case is already written in the same
    // transaction, and the case goes with the booking.
    const twice = {
      ...offered,
      newCase: 'yes',
      caseInitials: 'N.C.',
      'p1-person': dir.people.teacher.id,
      'p1-role': 'EDUCATION',
    };
    const refused = await submit(twice, 'book', unknown.text).expect(400);
    expect(refused.text).toMatch(
      /id="p1-person-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> Is listed twice/,
    );
    expect(await t.dataSource.query(`SELECT id FROM cases WHERE reference = 'CR-NEW-7'`)).toEqual([]);

    const retry: Record<string, string> = { ...formFields(refused.text), 'p1-person': '', 'p1-role': '' };
    expect([retry.newCase, retry.caseInitials]).toEqual(['yes', 'N.C.']);
    const check = await submit(retry, 'check', refused.text).expect(200);
    expect(text(check.text)).toContain('Case CR-NEW-7 (a new case, made when you book)');
    expect(await t.dataSource.query(`SELECT id FROM cases WHERE reference = 'CR-NEW-7'`)).toEqual([]);
    const booked = await submit(formFields(check.text), 'book', check.text).expect(303);
    const id = /\/meetings\/([0-9a-f-]{36})$/.exec(booked.headers.location)![1];
    const [made] = await t.dataSource.query(
      `SELECT c.kind, c.subject_initials FROM cases c JOIN meeting_cases mc ON mc.case_id = c.id WHERE mc.meeting_id = $1 AND c.reference = 'CR-NEW-7'`,
      [id],
    );
    expect(made).toEqual({ kind: 'CHILD', subject_initials: 'N.C.' });
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE action IN ('case.created', 'meeting.booked') AND (entity_id = $1 OR meeting_id = $1 OR entity_id IN (SELECT case_id FROM meeting_cases WHERE meeting_id = $1)) ORDER BY action`,
      [id],
    );
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['case.created', 'meeting.booked']);
  });

  it('refuses a chair who already has a meeting then, beside the chair, and books when told to book anyway', async () => {
    const other = await aCase(t);
    await post(
      t,
      '/api/meetings',
      aBooking({
        type: 'CORE_GROUP',
        caseIds: [other.id],
        chairId: dir.people.chair.id,
        sessions: [aSession('2026-12-08T10:30:00Z', 60)],
      }),
    );
    const start = await coordinator.get('/meetings/new?type=ICPC').expect(200);
    const fields = {
      ...formFields(start.text),
      ...firstPart,
      case: child.reference,
      chairId: dir.people.chair.id,
      's0-date-day': '8',
    };
    const refused = await submit(fields, 'check', start.text).expect(409);
    expect(refused.text).toContain(
      '<a href="#chairId">The chair already has a core group meeting Tuesday 8 December 2026, 10:30 to 11:30 (UK time). Choose another chair or time, or tick “Book anyway”</a>',
    );
    expect(refused.text).not.toMatch(/CORE_GROUP|overlaps/);
    expect(text(refused.text)).toContain('Book anyway: the chair has another meeting then');
    const anyway = { ...formFields(refused.text), allowOverlap: 'yes' };
    const check = await submit(anyway, 'check', refused.text).expect(200);
    const booked = await submit(formFields(check.text), 'book', check.text).expect(303);
    const id = /\/meetings\/([0-9a-f-]{36})$/.exec(booked.headers.location)![1];
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE action = 'meeting.booked' AND entity_id = $1`,
      [id],
    );
    expect(audit.changes.allowOverlap).toBe(true);
  });

  it('puts a keep-apart rule the booking breaks beside the two people’s parts', async () => {
    await post(t, `/api/cases/${child.id}/keep-apart`, { personIds: [dir.people.mother.id, dir.people.father.id] });
    const start = await coordinator.get('/meetings/new?type=ICPC').expect(200);
    const fields = {
      ...formFields(start.text),
      ...firstPart,
      case: child.reference,
      chairId: dir.people.socialWorker.id,
      's0-date-day': '11',
      'p0-person': dir.people.mother.id,
      'p0-role': 'PARENT',
      'p1-person': dir.people.father.id,
      'p1-role': 'PARENT',
    };
    const refused = await submit(fields, 'check', start.text).expect(409);
    expect(refused.text).toContain(
      '<a href="#p0-person">Person 1 and person 2 must be kept apart: they cannot both attend the meeting</a>',
    );
    expect(refused.text).toContain('id="p1-person-error"');
  });
  // Last in this suite: it grows the directory past what the form offers whole.
  it('finds people by name once the directory is too long to offer whole, and never shows someone the user may not see', async () => {
    await t.dataSource.query(
      `INSERT INTO people (name, kind) SELECT 'Zed Extra ' || g, 'PROFESSIONAL' FROM generate_series(1, 250) g`,
    );
    const [hidden] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO people (name, kind) VALUES ('Hidden Testperson', 'FAMILY') RETURNING id`,
    );
    const start = await coordinator.get('/meetings/new?type=ICPC').expect(200);
    const options = (html: string, select: string) =>
      [
        ...(new RegExp(`<select [^>]*name="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').matchAll(
          /<option value="([^"]*)"( selected)?>([^<]*)</g,
        ),
      ].map(([, value, selected, label]) => ({ value, selected: !!selected, label }));
    expect(text(start.text)).toContain('Type part of the name and choose Find.');
    expect(options(start.text, 'p0-person')).toEqual([{ value: '', selected: false, label: 'Nobody' }]);
    expect(options(start.text, 'chairId')).toEqual([{ value: '', selected: false, label: 'Choose the chair' }]);

    // One match: chosen. The other selects keep what they had.
    const found = await submit(
      { ...formFields(start.text), 'p0-find': 'sasha WORK', chairFind: 'morgan' },
      'find-person-0',
      start.text,
    ).expect(200);
    expect(options(found.text, 'p0-person').slice(1)).toEqual([
      { value: dir.people.socialWorker.id, selected: true, label: 'Sasha Worker (Northshire Children’s Services)' },
    ]);
    expect(options(found.text, 'chairId').slice(1)).toEqual([
      { value: dir.people.chair.id, selected: true, label: 'Morgan Chair (Northshire Children’s Services)' },
    ]);
    expect(options(found.text, 'p1-person')).toHaveLength(1);

    const many = await submit({ ...formFields(found.text), 'p1-find': 'extra' }, 'find-person-1', found.text).expect(
      200,
    );
    expect(options(many.text, 'p1-person')).toHaveLength(51);
    expect(text(many.text)).toContain('The first 50 names containing “extra”: type more of the name to find fewer.');
    const none = await submit(
      { ...formFields(many.text), 'p1-find': 'nobody-by-this-name' },
      'find-person-1',
      many.text,
    );
    expect(text(none.text)).toContain('No one you may invite has a name containing “nobody-by-this-name”.');

    // Whoever was chosen stays offered…
    const chosen = formFields(found.text);
    expect(chosen['p0-person']).toBe(dir.people.socialWorker.id);
    const kept = await submit({ ...chosen, 'p0-find': '' }, 'add-person', found.text).expect(200);
    expect(options(kept.text, 'p0-person')[1]).toEqual({
      value: dir.people.socialWorker.id,
      selected: true,
      label: 'Sasha Worker (Northshire Children’s Services)',
    });
    // …but a posted id of someone the user may not look up shows nothing: a chair (not a coordinator) may look up
    // only the family members of meetings they see.
    const chair = await signedIn(
      t,
      await anAccount(t, { email: 'cleo@council.example', name: 'Cleo Chair', roles: ['CHAIR'] }),
    );
    const form = await chair.get('/meetings/new?type=ICPC').expect(200);
    const crafted = await chair
      .post('/meetings/new')
      .type('form')
      .send({ ...formFields(form.text), 'p1-person': hidden.id, _csrf: csrfOf(form.text), action: 'add-person' })
      .expect(200);
    expect(crafted.text).not.toContain('Hidden Testperson');
    expect(options(crafted.text, 'p1-person')).toHaveLength(1);
  });
});
