import { aBooking, aCase, aSession, Directory, MeetingBody, post, seedDirectory } from './support/factories';
import { anAccount, csrfOf, signedIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

type Agent = Awaited<ReturnType<typeof signedIn>>;

/** The words of a page, without its markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/\s+/g, ' ');

describe('the record, approvals and the audit trail in the browser (issue 21)', () => {
  let t: TestApp;
  let dir: Directory;
  let review: MeetingBody;
  let iro: Agent;
  let secondIro: Agent;
  let coordinator: Agent;
  let socialWorker: Agent;
  let outsider: Agent;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
    iro = await signedIn(t, await anAccount(t, { email: dir.people.iro.email!, roles: ['IRO'] }));
    secondIro = await signedIn(
      t,
      await anAccount(t, { email: 'iro2@council.example', name: 'Ida Second', roles: ['IRO'] }),
    );
    const [{ id: secondIroId }] = await t.dataSource.query(`SELECT id FROM people WHERE email = $1`, [
      'iro2@council.example',
    ]);
    coordinator = await signedIn(t, await anAccount(t, { email: 'bs@council.example', roles: ['COORDINATOR'] }));
    socialWorker = await signedIn(
      t,
      await anAccount(t, { email: dir.people.socialWorker.email!, roles: ['SOCIAL_WORKER'] }),
    );
    outsider = await signedIn(t, await anAccount(t, { email: 'other@council.example', roles: ['IRO'] }));
    const child = await aCase(t);
    review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [child.id],
        chairId: dir.people.iro.id,
        allowOverlap: true,
        sessions: [
          aSession('2026-11-26T10:00:00Z', 45, { label: 'With the professionals' }),
          aSession('2026-11-26T11:00:00Z', 45, { label: 'With the child and family' }),
        ],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: secondIroId, role: 'IRO' },
        ],
      }),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const recordUrl = () => `/meetings/${review.id}/record`;
  const minutesRow = async () =>
    (await t.dataSource.query(`SELECT status, record FROM minutes WHERE meeting_id = $1`, [review.id]))[0] as
      { status: string; record: Record<string, unknown> } | undefined;

  /** The invitees in the order the form lists them (every one but the chair). */
  const attendance = () => {
    const fields: Record<string, string> = {};
    review.participants
      .filter((p) => !p.isChair)
      .forEach((p, i) => {
        fields[`attendance-${i}-status`] = 'ATTENDED';
        fields[`attendance-${i}-joinedBy`] = i === 0 ? 'IN_PERSON' : 'VIDEO';
      });
    return fields;
  };
  const draft = () => ({
    'session-0-method': 'IN_PERSON',
    'session-1-method': 'VIDEO',
    'session-1-reason': 'The child asked to join from school',
    ...attendance(),
    summary: 'Settled in placement; contact going well.',
    planConsidered: 'yes',
    'decision-0-text': 'The care plan continues',
    'decision-0-rationale': 'Her needs are met in placement',
    'decision-0-share': 'yes',
    'action-0-description': 'Arrange the school visit',
    'action-0-owner': dir.people.socialWorker.id,
    'action-0-due-day': '18',
    'action-0-due-month': '12',
    'action-0-due-year': '2026',
    'action-0-need': 'Education',
    decisionRows: '3',
    actionRows: '3',
  });
  const complete = () => ({
    ...draft(),
    'childViews-0-views': 'Wants to stay with her carers',
    'childViews-0-obtainedBy': ['SEEN_BY_CHAIR_BEFORE', 'ADVOCATE'],
    'familyViews-parents': 'Agrees with the plan',
    'familyViews-reportsShared': 'yes',
    'advocacy-offered': 'yes',
    'advocacy-used': 'yes',
    familySummary: 'The plan stays the same. The school visit is being arranged.',
    'outcome-0-outcome': 'RECOMMENDATIONS',
    'outcome-0-share': 'yes',
  });
  const send = async (agent: Agent, url: string, fields: Record<string, unknown>) => {
    const page = await agent.get(recordUrl());
    const csrf = page.status === 200 ? csrfOf(page.text) : csrfOf((await agent.get('/')).text);
    return agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...fields });
  };

  it('shows the IRO the form for this type: each part, every invitee, the PN code, the outcome options', async () => {
    const page = (await iro.get(recordUrl()).expect(200)).text;
    const words = text(page);
    expect(words).toContain('How With the professionals was held');
    expect(words).toContain('How With the child and family was held');
    expect(words).toContain('Attendance of Sasha Worker');
    expect(words).toContain('Attendance of Amelia Testparent');
    expect(words).toContain('Attendance of Ida Second');
    expect(page).toContain('id="pn-0"');
    expect(words).toContain('PN1: Child physically attends and speaks for themselves');
    expect(words).toContain('Recommendations made');
    expect(page).not.toContain('value="RECOMMENDATIONS"> RECOMMENDATIONS');
    expect(page).toMatch(/<option value="[0-9a-f-]+">Sasha Worker<\/option>/);
    expect(page).toContain('id="action-0-due-day"');
  });

  it('saves a draft of two parts through the form, keeping each part, decision and action', async () => {
    const saved = await send(iro, recordUrl(), { ...draft(), action: 'save' }).then((r) => r);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${recordUrl()}?saved=1`);
    const row = await minutesRow();
    expect(row?.status).toBe('DRAFT');
    expect(row?.record.sessions).toEqual([
      { sessionId: review.sessions[0].id, method: 'IN_PERSON' },
      { sessionId: review.sessions[1].id, method: 'VIDEO', reason: 'The child asked to join from school' },
    ]);
    expect(row?.record.actions).toEqual([
      {
        description: 'Arrange the school visit',
        ownerPersonId: dir.people.socialWorker.id,
        dueOn: '2026-12-18',
        need: 'Education',
        shareWithFamily: false,
      },
    ]);
    const page = (await iro.get(`${recordUrl()}?saved=1`).expect(200)).text;
    expect(text(page)).toContain('The record is saved as a draft.');
    expect(page).toMatch(/id="decision-0-text" name="decision-0-text"[^>]*>The care plan continues</);
  });

  it('saves and offers another decision and action row on "Save and add another", with no JavaScript', async () => {
    const more = await send(iro, recordUrl(), { ...draft(), action: 'add' });
    expect(more.status).toBe(200);
    expect(more.text).toContain('id="decision-3-text"');
    expect(more.text).toContain('id="action-3-description"');
    expect(more.text).not.toContain('id="decision-4-text"');
    expect((await minutesRow())?.record.decisions).toHaveLength(1);
  });

  it('names what the form itself cannot read beside the field', async () => {
    const bad = await send(iro, recordUrl(), { ...draft(), 'action-0-due-month': '13', action: 'save' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<a href="#action-0-due-day">Enter when action 1 is due, as a real date');
    expect(bad.text).toMatch(/<title>Error: /);
  });

  it('refuses to submit without the PN code, naming the field in the error summary; then submits', async () => {
    const missing = await send(iro, recordUrl(), { ...complete(), action: 'submit' });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/<a href="#pn-0">[^<]*participation \(PN0–PN7\)<\/a>/);
    expect(missing.text).toContain('id="pn-0-error"');
    expect((await minutesRow())?.status).toBe('DRAFT');

    const submitted = await send(iro, recordUrl(), { ...complete(), 'pn-0': 'PN1', action: 'submit' });
    expect(submitted.status).toBe(303);
    expect((await minutesRow())?.status).toBe('SUBMITTED');
  });

  it('keeps the record from others: 403 for an invitee who is not its keeper, 404 for one who does not see it', async () => {
    await socialWorker.get(recordUrl()).expect(403);
    await outsider.get(recordUrl()).expect(404);
    await send(socialWorker, recordUrl(), { ...complete(), action: 'save' }).then((r) => expect(r.status).toBe(403));
  });

  it('does not offer the author their own record, and refuses their approval', async () => {
    const page = text((await iro.get('/approvals').expect(200)).text);
    expect(page).toContain('No records are waiting for you.');
    const refused = await send(iro, `/approvals/${review.id}/approve`, {});
    expect(refused.status).toBe(403);
    expect((await minutesRow())?.status).toBe('SUBMITTED');
  });

  it('lets a second IRO return it with a comment, which the author then reads on the form', async () => {
    const page = (await secondIro.get('/approvals').expect(200)).text;
    expect(text(page)).toContain('Looked-after child review');
    expect(page).toContain(`action="/approvals/${review.id}/approve"`);

    const empty = await send(secondIro, `/approvals/${review.id}/return`, { comment: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(`<a href="#comment-${review.id}">Enter what the author should change</a>`);

    const returned = await send(secondIro, `/approvals/${review.id}/return`, {
      comment: 'Say who will tell the school about the visit.',
    });
    expect(returned.status).toBe(303);
    expect((await minutesRow())?.status).toBe('DRAFT');
    const form = text((await iro.get(recordUrl()).expect(200)).text);
    expect(form).toContain('Returned to you');
    expect(form).toContain('Ida Second returned this record');
    expect(form).toContain('Say who will tell the school about the visit.');
  });

  it('is submitted again, approved by the second IRO and sent out by the chair', async () => {
    const again = await send(iro, recordUrl(), { ...complete(), 'pn-0': 'PN1', action: 'submit' });
    expect(again.status).toBe(303);
    const approved = await send(secondIro, `/approvals/${review.id}/approve`, {});
    expect(approved.status).toBe(303);
    expect((await minutesRow())?.status).toBe('APPROVED');
    const readOnly = text((await iro.get(recordUrl()).expect(200)).text);
    expect(readOnly).toContain('can no longer be edited here');
    expect(readOnly).toMatch(/Next meetings .*Looked-after child review, by /);

    const preview = (await iro.get(`${recordUrl()}/family-preview`).expect(200)).text;
    expect(preview).toContain('The plan stays the same. The school visit is being arranged.');
    expect(preview).not.toContain('Her needs are met in placement'.replace('Her', 'His'));

    const ready = (await iro.get('/approvals').expect(200)).text;
    expect(ready).toContain(`action="/approvals/${review.id}/distribute"`);
    const sent = await send(iro, `/approvals/${review.id}/distribute`, {});
    expect(sent.status).toBe(303);
    expect((await minutesRow())?.status).toBe('DISTRIBUTED');
  });

  it('lists who did what on the audit page, filterable by meeting and date, for coordinators only', async () => {
    const page = text((await coordinator.get(`/audit?meeting=${review.id}`).expect(200)).text);
    for (const done of [
      'Saved the record as a draft',
      'Submitted the record for approval',
      'Returned the record to its author',
      'Approved the record',
      'Sent the record out',
      'Booked the meeting',
    ])
      expect(page).toContain(done);
    expect(page).toContain('Ida Second');
    expect(page).not.toContain('minutes.');
    const later = text(
      (await coordinator.get(`/audit?meeting=${review.id}&to-day=1&to-month=1&to-year=2000`).expect(200)).text,
    );
    expect(later).toContain('No events match these filters.');
    const bad = await coordinator.get('/audit?meeting=not-an-id').expect(422);
    expect(bad.text).toContain('<a href="#meeting">');
    await socialWorker.get('/audit').expect(403);
    await iro.get(`/audit?meeting=${review.id}`).expect(403);
  });
});
