import { FixedClock } from '../src/time/clock';
import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { submitRecord } from './support/records';
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
/** One section of the tasks page: from its heading to the next one. */
const section = (page: string, heading: string) =>
  page
    .split(heading)[1]
    ?.split(
      /People with no email address|Invitations that failed or came back|Reports not in by the deadline|Records overdue|Records waiting for approval/,
    )[0] ?? '';

describe("the coordinator's lists (issue 21): tasks, what falls due, the meetings report", () => {
  let t: TestApp;
  let dir: Directory;
  // Thursday 1 October 2026, 09:00 in London; moved on to Monday 23 November once the past meetings are booked.
  const clock = new FixedClock(new Date('2026-10-01T08:00:00Z'));
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let chair: Awaited<ReturnType<typeof signedIn>>;
  let held: MeetingBody; // 2 October, its record submitted
  let unrecorded: MeetingBody; // 2 October, no record at all
  let soon: MeetingBody; // 24 November, chaired by Morgan
  let notMorgans: MeetingBody; // 24 November, chaired by Ira: Morgan has no part in it
  let heldCase: { id: string; reference: string };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dir = await seedDirectory(t);
    heldCase = await aCase(t);
    const book = (caseId: string, chairId: string, startsAt: string, participants: unknown[]) =>
      post<MeetingBody>(
        t,
        '/api/meetings',
        aBooking({ caseIds: [caseId], chairId, allowOverlap: true, sessions: [aSession(startsAt, 60)], participants }),
      );
    held = await book(heldCase.id, dir.people.chair.id, '2026-10-02T09:00:00Z', [
      { personId: dir.people.police.id, role: 'POLICE' },
    ]);
    unrecorded = await book((await aCase(t)).id, dir.people.chair.id, '2026-10-02T13:00:00Z', [
      { personId: dir.people.police.id, role: 'POLICE' },
    ]);
    const invited = [
      { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
      { personId: dir.people.mother.id, role: 'PARENT' },
      { personId: dir.people.noEmailGran.id, role: 'GRANDPARENT' },
    ];
    soon = await book((await aCase(t)).id, dir.people.chair.id, '2026-11-24T14:00:00Z', invited);
    notMorgans = await book((await aCase(t)).id, dir.people.iro.id, '2026-11-24T10:00:00Z', invited);
    clock.set(new Date('2026-10-02T12:00:00Z'));
    await submitRecord(t, held, 'CP_PLAN');
    clock.set(new Date('2026-11-23T09:00:00Z'));
    // Signed in on the day: a session from October would have run out.
    coordinator = await signedIn(
      t,
      await anAccount(t, { email: 'bs@council.example', name: 'Bea Support', roles: ['COORDINATOR'] }),
    );
    chair = await signedIn(t, await anAccount(t, { email: dir.people.chair.email!, roles: ['CHAIR'] }));
    // What the delivery worker records when the relay refuses a message, and the inbound handler when one comes back.
    const police = (m: MeetingBody) => m.participants.find((p) => p.personId === dir.people.police.id)!.id;
    await t.dataSource.query(`UPDATE deliveries SET status = 'FAILED' WHERE meeting_id = $1 AND participant_id = $2`, [
      soon.id,
      police(soon),
    ]);
    await t.dataSource.query(`UPDATE deliveries SET status = 'BOUNCED' WHERE meeting_id = $1 AND participant_id = $2`, [
      notMorgans.id,
      police(notMorgans),
    ]);
  });
  afterAll(() => t.close());

  it('sends a person who is not signed in to the sign-in page', async () => {
    for (const path of ['/tasks', '/due', '/reports/committee']) await t.http.get(path).expect(303);
  });

  it('shows the coordinator each task with its meeting, who it concerns and what to do, in words and London time', async () => {
    const html = (await coordinator.get('/tasks').expect(200)).text;
    const page = text(html);
    const noEmail = section(page, 'People with no email address');
    expect(noEmail).toContain(
      'Initial child protection conference, Tuesday 24 November 2026, 14:00 (UK time) Gwen Testparent (Grandparent) Phone them on +44 7700 900333 with the details, or send them by post',
    );
    expect(noEmail).toContain(
      'Initial child protection conference, Tuesday 24 November 2026, 10:00 (UK time) Gwen Testparent (Grandparent)',
    );
    const failed = section(page, 'Invitations that failed or came back');
    expect(failed).toContain(
      'Tuesday 24 November 2026, 14:00 (UK time) DC Sam Patel (Police) Failed: check their email address, then send the invitation again from the meeting page',
    );
    expect(failed).toContain(
      'Tuesday 24 November 2026, 10:00 (UK time) DC Sam Patel (Police) Returned: the address did not take it: check their email address',
    );
    // The report deadline (48 hours before) passed on 22 November; the police report is not in.
    const late = section(page, 'Reports not in by the deadline');
    expect(late.match(/DC Sam Patel \(Police\) Chase the report: the deadline has passed/g)).toHaveLength(2);
    const overdue = section(page, 'Records overdue');
    expect(overdue).toMatch(
      /Friday 2 October 2026, 14:00 \(UK time\) – Chase the chair: the record was due by Friday 23 October 2026/,
    );
    expect(overdue).toMatch(/Friday 2 October 2026, 10:00 \(UK time\) – Chase the chair: the record was due by/);
    // A coordinator does not approve a conference's record (its approver role is the chair's): not theirs to act on.
    expect(section(page, 'Records waiting for approval')).toContain('No record is waiting for you to approve.');
    expect(html).toContain(`href="/meetings/${soon.id}"`);
    expect(html).toContain(`href="/meetings/${unrecorded.id}"`);
    expect(page).not.toMatch(/ICPC|POLICE|GRANDPARENT|FAILED|BOUNCED|SUBMITTED/);
    expect(html).toMatch(/href="\/tasks" aria-current="page">Tasks</);
  });

  it('shows a chair only the tasks of meetings they have a part in', async () => {
    const html = (await chair.get('/tasks').expect(200)).text;
    const page = text(html);
    expect(html).toContain(`href="/meetings/${soon.id}"`);
    expect(html).not.toContain(notMorgans.id);
    expect(page).not.toContain('Tuesday 24 November 2026, 10:00');
    expect(page).not.toContain('Returned: the address did not take it');
    expect(section(page, 'Reports not in by the deadline').match(/Chase the report/g)).toHaveLength(1);
  });

  it('lists what falls due by case, overdue first, with a link to book the meeting that is due', async () => {
    const api = (
      await t.http
        .get('/api/reports/due?days=28')
        .set(await t.auth('COORDINATOR'))
        .expect(200)
    ).body as { items: { kind: string; type: string; reference?: string; overdue: boolean }[] };
    const html = (await coordinator.get('/due').expect(200)).text;
    const page = text(html);
    const coreGroup = api.items.find(
      (i) => i.kind === 'MEETING_NOT_BOOKED' && i.type === 'CORE_GROUP' && i.reference === heldCase.reference,
    );
    expect(coreGroup?.overdue).toBe(true);
    expect(page).toMatch(
      new RegExp(
        `${heldCase.reference} Core group meeting not booked 10 working days after the initial child protection conference on Friday 2 October 2026; the conference set Friday 9 October 2026 Friday 16 October 2026 Overdue Book the core group meeting`,
      ),
    );
    expect(html.replace(/&#x3D;/g, '=')).toContain(
      `href="/meetings/new?type=CORE_GROUP&amp;case=${encodeURIComponent(heldCase.reference)}"`,
    );
    expect(page).toContain(
      `${heldCase.reference} Record of the initial child protection conference not sent out Friday 23 October 2026 Overdue Open the meeting`,
    );
    // Overdue first: nothing overdue after the first line that is not.
    const tags = [...html.matchAll(/<tr class="govuk-table__row">[\s\S]*?<\/tr>/g)]
      .slice(1)
      .map((row) => row[0].includes('Overdue'));
    expect(tags.indexOf(false) === -1 || !tags.slice(tags.indexOf(false)).includes(true)).toBe(true);
    expect(page).not.toMatch(/CORE_GROUP not|ICPC|MEETING_NOT_BOOKED/);
    expect(page).toContain(`${api.items.length} due`);
  });

  it('opens the booking form from that link with the type and the case filled in', async () => {
    const html = (
      await coordinator.get(`/meetings/new?type=CORE_GROUP&case=${encodeURIComponent(heldCase.reference)}`).expect(200)
    ).text;
    expect(html).toContain('Book a core group meeting');
    expect(html).toMatch(new RegExp(`name="case" type="text" spellcheck="false" value="${heldCase.reference}"`));
  });

  it('shows the meetings report with labels for a date range, with a CSV download of the same figures', async () => {
    const query = 'from-day=1&from-month=9&from-year=2026&to-day=23&to-month=11&to-year=2026';
    const html = (await coordinator.get(`/reports/committee?${query}`).expect(200)).text;
    const page = text(html);
    expect(page).toContain('Meetings held from Tuesday 1 September 2026 to Monday 23 November 2026, by type');
    // Two initial conferences held (2 October), both by video; none cancelled; one without a record says so only as booked.
    expect(page).toMatch(/Initial child protection conference 2 0 0 \(0%\) 2 \(100%\) 0 \(0%\) 1 /);
    expect(page).toMatch(/All meetings 2 0 /);
    expect(page).not.toMatch(/\bICPC\b|IN_PERSON|VIRTUAL/);
    expect(html.replace(/&#x3D;/g, '=')).toContain(`href="/reports/committee.csv?${query.replace(/&/g, '&amp;')}"`);
    const csv = await coordinator
      .get(`/reports/committee.csv?${query}`)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^type,held,cancelled/);
    expect(csv.text).toMatch(/\r\nICPC,2,0,/);
  });

  it('refuses a date that is not real with the error summary, naming the field', async () => {
    const response = await coordinator.get('/reports/committee?from-day=31&from-month=2&from-year=2026').expect(422);
    const page = text(response.text);
    expect(page).toContain('There is a problem');
    expect(response.text).toContain('href="#from-day"');
    expect(page).toContain('The "from" date must be a real date');
    expect(response.text).toContain('<title>Error: Meetings report');
  });
});
