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
/** One section of the tasks page: from its heading to the next one. */
const approvalsTask = (page: string) =>
  text(page).split('Records waiting for approval')[1]?.split('Asked for help to take part')[0] ?? '';

describe('the record form II (issues 21 and 22): plan, referrals, dissent, amendments, approvals in tasks', () => {
  let t: TestApp;
  let dir: Directory;
  let icpc: MeetingBody;
  let marac: MeetingBody;
  let victims: { id: string; reference: string }[];
  let chair: Agent;
  let approver: Agent;
  let coordinator: Agent;
  let approverId: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
    chair = await signedIn(t, await anAccount(t, { email: dir.people.chair.email!, roles: ['CHAIR'] }));
    approver = await signedIn(
      t,
      await anAccount(t, { email: 'chair2@council.example', name: 'Cara Second', roles: ['CHAIR'] }),
    );
    [{ id: approverId }] = await t.dataSource.query(`SELECT id FROM people WHERE email = $1`, [
      'chair2@council.example',
    ]);
    coordinator = await signedIn(t, await anAccount(t, { email: 'bs@council.example', roles: ['COORDINATOR'] }));
    icpc = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-26T10:00:00Z', 90)],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: approverId, role: 'OBSERVER' },
        ],
      }),
    );
    victims = [await aCase(t, { kind: 'ADULT_VICTIM' }), await aCase(t, { kind: 'ADULT_VICTIM' })];
    marac = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'MARAC',
        caseIds: victims.map((v) => v.id),
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-27T13:00:00Z', 120)],
        participants: [
          { personId: dir.people.idva.id, role: 'IDVA' },
          { personId: dir.people.police.id, role: 'POLICE' },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  const send = async (agent: Agent, url: string, fields: Record<string, unknown>) => {
    const csrf = csrfOf((await agent.get('/')).text);
    return agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...fields });
  };
  const minutesOf = async (meeting: MeetingBody) =>
    (await t.dataSource.query(`SELECT id, status, record FROM minutes WHERE meeting_id = $1`, [meeting.id]))[0] as {
      id: string;
      status: string;
      record: Record<string, unknown>;
    };
  const attendance = (meeting: MeetingBody) =>
    Object.fromEntries(
      meeting.participants
        .filter((p) => !p.isChair)
        .flatMap((p, i) => [
          [`attendance-${i}-status`, 'ATTENDED'],
          [`attendance-${i}-joinedBy`, 'IN_PERSON'],
        ]),
    );

  const icpcForm = () => ({
    'session-0-method': 'IN_PERSON',
    ...attendance(icpc),
    'childViews-0-views': 'Wants to feel safe at home',
    'childViews-0-obtainedBy': ['SEEN_BY_CHAIR_BEFORE'],
    'familyViews-parents': 'Accepts the concerns',
    'familyViews-reportsShared': 'yes',
    summary: 'Concerns of neglect were discussed.',
    familySummary: 'A child protection plan is made.',
    planConsidered: 'yes',
    reasonToProceed: 'Enough agencies were present to decide',
    'decision-0-text': 'A child protection plan under neglect',
    'decision-0-rationale': 'Significant harm from neglect',
    'dissent-0-agency': dir.agencies.police,
    'dissent-0-decision': '1',
    'dissent-0-about': 'The category',
    'dissent-0-reason': 'Police would have recorded physical abuse',
    'outcome-0-outcome': 'CP_PLAN',
    'outcome-0-category': 'NEGLECT',
  });
  const plan = () => ({
    'plan-lead': dir.people.socialWorker.id,
    'plan-coreGroup': [dir.people.socialWorker.id, dir.people.police.id, dir.people.mother.id],
    'plan-firstCoreGroup-day': '8',
    'plan-firstCoreGroup-month': '12',
    'plan-firstCoreGroup-year': '2026',
    'plan-review-day': '18',
    'plan-review-month': '2',
    'plan-review-year': '2027',
  });

  it('shows an ICPC the plan and dissent sections, and a MARAC its referrals, from the type rules', async () => {
    const conference = (await chair.get(`/meetings/${icpc.id}/record`).expect(200)).text;
    expect(conference).toContain('id="plan-lead"');
    expect(conference).toContain('id="plan-firstCoreGroup-day"');
    expect(conference).toContain('id="dissent-0-agency"');
    expect(text(conference)).toContain('Reports received');
    expect(conference).not.toContain('id="referral-0-agency"');
    expect(conference).not.toContain('id="consultation-sent"');
    const maracPage = (await chair.get(`/meetings/${marac.id}/record`).expect(200)).text;
    expect(maracPage).toContain('id="referral-0-agency"');
    expect(maracPage).toContain('id="referral-1-children"');
    expect(maracPage).toContain('id="action-0-case"');
    expect(maracPage).not.toContain('id="plan-lead"');
    expect(text(maracPage)).toContain('Visible high risk (a DASH score of 14 or more)');
  });

  it('refuses an ICPC with a plan but no plan details, naming the field; then submits it with plan, core group and dates', async () => {
    const missing = await send(chair, `/meetings/${icpc.id}/record`, { ...icpcForm(), action: 'submit' });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/<a href="#plan-lead">With a plan, record the lead practitioner/);
    expect(missing.text).toContain('id="plan-lead-error"');

    const half = await send(chair, `/meetings/${icpc.id}/record`, {
      ...icpcForm(),
      ...plan(),
      'plan-review-month': '14',
      action: 'submit',
    });
    expect(half.status).toBe(422);
    expect(half.text).toContain('<a href="#plan-review-day">Enter the date set for the review conference');

    const early = await send(chair, `/meetings/${icpc.id}/record`, {
      ...icpcForm(),
      ...plan(),
      'plan-firstCoreGroup-day': '20',
      'plan-firstCoreGroup-month': '11',
      action: 'submit',
    });
    expect(early.status).toBe(422);
    expect(early.text).toMatch(/<a href="#plan-firstCoreGroup-day">Is before the conference/);

    const submitted = await send(chair, `/meetings/${icpc.id}/record`, { ...icpcForm(), ...plan(), action: 'submit' });
    expect(submitted.status).toBe(303);
    const { status, record } = await minutesOf(icpc);
    expect(status).toBe('SUBMITTED');
    expect(record.plan).toEqual({
      leadPractitionerPersonId: dir.people.socialWorker.id,
      coreGroupPersonIds: [dir.people.socialWorker.id, dir.people.police.id, dir.people.mother.id],
      firstCoreGroupOn: '2026-12-08',
      reviewConferenceOn: '2027-02-18',
      shareWithFamily: false,
    });
    expect(record.dissent).toEqual([
      {
        agencyId: dir.agencies.police,
        decision: 1,
        about: 'The category',
        reason: 'Police would have recorded physical abuse',
      },
    ]);
    const form = (await chair.get(`/meetings/${icpc.id}/record`).expect(200)).text;
    expect(form).toMatch(/id="plan-firstCoreGroup-day" name="plan-firstCoreGroup-day"[^>]*value="8"/);
  });

  it('shows the submitted record in tasks only to one who may approve it, and they approve it', async () => {
    expect(approvalsTask((await approver.get('/tasks').expect(200)).text)).toContain('Initial child protection');
    expect(approvalsTask((await chair.get('/tasks').expect(200)).text)).toContain(
      'No record is waiting for you to approve.',
    );
    expect(approvalsTask((await coordinator.get('/tasks').expect(200)).text)).toContain(
      'No record is waiting for you to approve.',
    );
    const approved = await send(approver, `/approvals/${icpc.id}/approve`, {});
    expect(approved.status).toBe(303);
    expect((await minutesOf(icpc)).status).toBe('APPROVED');
    expect(approvalsTask((await approver.get('/tasks').expect(200)).text)).toContain(
      'No record is waiting for you to approve.',
    );
  });

  it('amends the approved record with a reason, which goes back to /approvals with that reason', async () => {
    await coordinator.get(`/meetings/${icpc.id}/record/amend`).expect(403);
    const page = (await chair.get(`/meetings/${icpc.id}/record/amend`).expect(200)).text;
    expect(page).toContain('Amend the record');
    expect(page).toContain('id="reason"');
    const fields = {
      ...icpcForm(),
      ...plan(),
      summary: 'Concerns of neglect and of school attendance were discussed.',
    };

    const noReason = await send(chair, `/meetings/${icpc.id}/record/amend`, { ...fields, action: 'amend' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('<a href="#reason">Enter why the record is amended</a>');
    const unchanged = await send(chair, `/meetings/${icpc.id}/record/amend`, {
      ...icpcForm(),
      ...plan(),
      reason: 'Nothing really',
      action: 'amend',
    });
    expect(unchanged.status).toBe(422);
    expect(unchanged.text).toContain('<a href="#reason">Change at least one part of the record');

    const amended = await send(chair, `/meetings/${icpc.id}/record/amend`, {
      ...fields,
      reason: 'The school attendance concern was left out',
      action: 'amend',
    });
    expect(amended.status).toBe(303);
    expect(amended.headers.location).toBe('/approvals?done=amended');
    const minutes = await minutesOf(icpc);
    expect(minutes.status).toBe('SUBMITTED');
    expect(minutes.record.summary).toBe('Concerns of neglect and of school attendance were discussed.');
    const [amendment] = await t.dataSource.query(
      `SELECT reason, changed_fields AS fields FROM minute_amendments WHERE minutes_id = $1`,
      [minutes.id],
    );
    expect(amendment.reason).toBe('The school attendance concern was left out');
    expect(amendment.fields).toEqual(['summary']);

    const approvals = text((await approver.get('/approvals').expect(200)).text);
    expect(approvals).toContain('Amended');
    expect(approvals).toContain('The school attendance concern was left out');
    // The amender does not approve their own amendment.
    expect(text((await chair.get('/approvals').expect(200)).text)).toContain('No records are waiting for you.');
    expect(approvalsTask((await approver.get('/tasks').expect(200)).text)).toContain('Initial child protection');
  });

  it("records a MARAC's referral data per case and each action's case through the form", async () => {
    const form = {
      'session-0-method': 'VIDEO',
      'session-0-reason': 'MARAC meets by video',
      ...attendance(marac),
      summary: 'Two cases heard.',
      planConsidered: 'yes',
      'decision-0-text': 'Safety plans agreed',
      'decision-0-rationale': 'High risk',
      'action-0-description': 'Flag the address for a rapid response',
      'action-0-owner': dir.people.police.id,
      'action-0-case': victims[0].id,
      'action-0-due-day': '28',
      'action-0-due-month': '11',
      'action-0-due-year': '2026',
      'action-0-need': 'Safety',
      'outcome-0-outcome': 'ACTION_PLAN',
      'outcome-1-outcome': 'ACTION_PLAN',
      'referral-0-agency': dir.agencies.police,
      'referral-0-criteria': 'VISIBLE_HIGH_RISK',
      'referral-0-children': '2',
    };
    const url = `/meetings/${marac.id}/record`;
    const missing = await send(chair, url, { ...form, action: 'submit' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('<a href="#referral-0-dash">Visible high risk is a DASH score of 14 or more');

    const second = await send(chair, url, { ...form, 'referral-0-dash': '16', action: 'submit' });
    expect(second.status).toBe(422);
    expect(second.text).toContain(`<a href="#referral-1-agency">Record the referral`);
    expect(second.text).toContain(victims[1].reference);

    const done = await send(chair, url, {
      ...form,
      'referral-0-dash': '16',
      'referral-1-agency': dir.agencies.idva,
      'referral-1-criteria': 'PROFESSIONAL_JUDGEMENT',
      'referral-1-children': '0',
      action: 'submit',
    });
    expect(done.status).toBe(303);
    const { status, record } = await minutesOf(marac);
    expect(status).toBe('SUBMITTED');
    expect(record.referrals).toEqual([
      {
        caseId: victims[0].id,
        referringAgencyId: dir.agencies.police,
        criteria: 'VISIBLE_HIGH_RISK',
        dashScore: 16,
        childrenInHousehold: 2,
      },
      {
        caseId: victims[1].id,
        referringAgencyId: dir.agencies.idva,
        criteria: 'PROFESSIONAL_JUDGEMENT',
        childrenInHousehold: 0,
      },
    ]);
    expect((record.actions as { caseId?: string }[])[0].caseId).toBe(victims[0].id);
  });

  it('asks a late ICPC why and who agreed it, and shows the chair the reports received without typing them', async () => {
    const child = await aCase(t);
    const strategy = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'STRATEGY',
        caseIds: [child.id],
        chairId: dir.people.socialWorker.id,
        sessions: [aSession('2026-10-01T10:00:00Z', 60)],
      }),
    );
    const late = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'ICPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        relatedMeetingId: strategy.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-25T14:00:00Z', 90)],
        participants: [
          { personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' },
          { personId: dir.people.police.id, role: 'POLICE', reportRequired: true },
          { personId: dir.people.mother.id, role: 'PARENT' },
        ],
      }),
    );
    const url = `/meetings/${late.id}/record`;
    const page = (await chair.get(url).expect(200)).text;
    expect(text(page)).toContain('This conference should have been held by Thursday 22 October 2026.');
    expect(page).toMatch(new RegExp(`<option value="${dir.people.chair.id}" selected>Morgan Chair</option>`));
    expect(text(page)).toMatch(/Reports received .*DC Sam Patel \(Police\) Not received/);

    const form = {
      'session-0-method': 'IN_PERSON',
      ...attendance(late),
      'childViews-0-views': 'Wants the shouting to stop',
      'childViews-0-obtainedBy': ['SOCIAL_WORKER'],
      'familyViews-parents': 'Does not agree there is a concern',
      'familyViews-reportsShared': 'yes',
      summary: 'No plan is needed.',
      familySummary: 'No plan is made.',
      planConsidered: 'yes',
      reasonToProceed: 'Enough agencies were present to decide',
      'decision-0-text': 'No child protection plan',
      'decision-0-rationale': 'Support under child in need is enough',
      'outcome-0-outcome': 'NO_CP_PLAN',
      'lateReason-chair': dir.people.chair.id,
    };
    const missing = await send(chair, url, { ...form, action: 'submit' });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/<a href="#lateReason-reason">Held after its latest date/);
    const noManager = await send(chair, url, {
      ...form,
      'lateReason-reason': 'The referral reached the conference team late',
      action: 'submit',
    });
    expect(noManager.status).toBe(422);
    expect(noManager.text).toContain('<a href="#lateReason-manager">Select the children’s social care manager');

    const done = await send(chair, url, {
      ...form,
      'lateReason-reason': 'The referral reached the conference team late',
      'lateReason-manager': dir.people.socialWorker.id,
      action: 'submit',
    });
    expect(done.status).toBe(303);
    expect((await minutesOf(late)).record.lateReason).toEqual({
      reason: 'The referral reached the conference team late',
      agreedByChairPersonId: dir.people.chair.id,
      agreedByManagerPersonId: dir.people.socialWorker.id,
    });
  });

  it("records a LAC review's consultation forms and the IRO's dispute resolution through the form", async () => {
    const iro = await signedIn(t, await anAccount(t, { email: dir.people.iro.email!, roles: ['IRO'] }));
    const review = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'LAC_REVIEW',
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.iro.id,
        allowOverlap: true,
        sessions: [aSession('2026-11-26T15:00:00Z', 60)],
        participants: [{ personId: dir.people.socialWorker.id, role: 'SOCIAL_WORKER' }],
      }),
    );
    const url = `/meetings/${review.id}/record`;
    const page = (await iro.get(url).expect(200)).text;
    expect(page).toContain('id="consultation-sent"');
    expect(page).toContain('id="dispute-stage"');
    expect(page).not.toContain('id="plan-lead"');
    expect(page).not.toContain('id="referral-0-agency"');

    const returnedUnsent = await send(iro, url, {
      'consultation-sent': 'CHILD',
      'consultation-returned': ['CHILD', 'SCHOOL'],
      action: 'save',
    });
    expect(returnedUnsent.status).toBe(422);
    expect(returnedUnsent.text).toContain('<a href="#consultation-returned">A form returned was sent</a>');
    const undated = await send(iro, url, { 'dispute-stage': 'TEAM_MANAGER', action: 'save' });
    expect(undated.status).toBe(422);
    expect(undated.text).toContain('<a href="#dispute-raised-day">Enter when the dispute was raised');

    const saved = await send(iro, url, {
      'consultation-sent': ['CHILD', 'SCHOOL'],
      'consultation-returned': 'CHILD',
      'dispute-stage': 'TEAM_MANAGER',
      'dispute-raised-day': '20',
      'dispute-raised-month': '11',
      'dispute-raised-year': '2026',
      'dispute-outcome': 'The placement plan was updated',
      action: 'save',
    });
    expect(saved.status).toBe(303);
    const { record } = await minutesOf(review);
    expect(record.consultationForms).toEqual([
      { from: 'CHILD', sent: true, returned: true },
      { from: 'SCHOOL', sent: true, returned: false },
    ]);
    expect(record.disputeResolution).toEqual({
      stage: 'TEAM_MANAGER',
      raisedOn: '2026-11-20',
      outcome: 'The placement plan was updated',
    });
    const again = (await iro.get(url).expect(200)).text;
    expect(again).toMatch(/id="consultation-sent-3" name="consultation-sent" type="checkbox" value="SCHOOL" checked/);
  });
});
