import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { DeliveryWorker } from '../src/deliveries/delivery-worker';
import { SmsStatusPoll } from '../src/sms/sms-status-poll';
import { isGsm, MAX_SMS_FRAGMENTS, smsFragments } from '../src/sms/sms-text';
import { SmsWorker } from '../src/sms/sms-worker';
import { FixedClock } from '../src/time/clock';
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
import { FakeNotify, NotifiedText } from './support/notify';
import { TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const TEMPLATE_ID = '0b9c6a3e-53a4-4e0c-9d3c-3f6f4b0c2a11';
// Thursday 10 June 2027, 09:00 UTC: 10:00 in London (BST), so a text in UTC would be caught.
const STARTS = '2027-06-10T09:00:00Z';
const HOUR = 3_600_000;

interface TextView {
  sessionId: string;
  kind: string;
  status: string;
  providerStatus: string | null;
  sentAt: string | null;
}

/** What every text must be: no name of the family, GSM characters, three parts at most (459 characters). */
function expectDecentText(text: NotifiedText, names: string[]): void {
  for (const name of names) for (const word of name.split(' ')) expect(text.body).not.toContain(word);
  expect(isGsm(text.body)).toBe(true);
  expect(smsFragments(text.body)).toBeLessThanOrEqual(MAX_SMS_FRAGMENTS);
  expect(text.body.length).toBeLessThanOrEqual(459);
  expect(text.templateId).toBe(TEMPLATE_ID);
}

describe('text messages through GOV.UK Notify (issue 23)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let notify: FakeNotify;
  let dir: Directory;
  let texts: SmsWorker;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    notify = await FakeNotify.start();
    t = await startTestApp(
      {
        SMTP_URL: smtp.url,
        NOTIFY_API_KEY: notify.apiKey,
        NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID,
        NOTIFY_BASE_URL: notify.url,
        DELIVERY_RETRY_BASE_MS: '1000',
      },
      { clock },
    );
    texts = t.get(SmsWorker);
    dir = await seedDirectory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await notify.close();
  });

  const textsTo = (phone: string) => notify.texts.filter((x) => x.phoneNumber === phone);

  it('texts a phone-only parent the invite, both reminders and the cancellation; never twice; status read back', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const parentPhone = '+44 7700 900444';
    const parent = await post<{ id: string; name: string }>(t, '/api/people', {
      name: 'Paula Textparent',
      kind: 'FAMILY',
      phone: parentPhone,
    });
    // Has an email but asked for texts as well (API: prefersTexts on the person).
    const aunt = await post<{ id: string; name: string; prefersTexts: boolean }>(t, '/api/people', {
      name: 'Ada Textaunt',
      kind: 'FAMILY',
      email: 'aunt@family.example',
      phone: '+44 7700 900555',
      prefersTexts: true,
    });
    expect(aunt.prefersTexts).toBe(true);
    const child = await aCase(t, { subjectInitials: 'Z.Q.' });
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession(STARTS)],
        participants: [
          { personId: parent.id, role: 'PARENT' },
          { personId: aunt.id, role: 'AUNT' },
          { personId: dir.people.mother.id, role: 'PARENT' },
          { personId: dir.people.police.id, role: 'POLICE' },
        ],
      }),
    );
    const names = [parent.name, aunt.name, dir.people.mother.name, child.reference];
    const me = participantOf(meeting, parent.id);

    // The first answer is lost after Notify took the text: the retry finds it by reference and does not send again.
    notify.acceptThenFail = 1;
    await texts.drain();
    expect(textsTo(parentPhone)).toHaveLength(1);
    clock.set(new Date(clock.now().getTime() + 5_000));
    await texts.drain();
    expect(textsTo(parentPhone)).toHaveLength(1);
    expect(textsTo('+44 7700 900555')).toHaveLength(1);
    expect(textsTo(dir.people.mother.email!)).toHaveLength(0);
    expect(notify.texts).toHaveLength(2); // the mother and the police officer have email only: no text
    expect(notify.refusedTokens).toHaveLength(0);

    const [invite] = textsTo(parentPhone);
    expectDecentText(invite, names);
    expect(invite.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(invite.body).toContain('Review child protection conference');
    expect(invite.body).toContain('Thursday 10 June 2027, 10:00');
    expect(invite.body).not.toContain('09:00');
    expect(invite.body).toContain('+44 20 7946 0000');
    expect(invite.body).toContain('PIN 482911');
    const personalPath = await personalPathOf(t, me.id);
    expect(invite.body).toContain(`${t.config.publicUrl}${personalPath}`);
    await t.http.get(personalPath).expect(200);

    // Read back from Notify: the meeting shows the text delivered.
    notify.statuses.set(invite.id, 'delivered');
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    await t.get<SmsStatusPoll>(SmsStatusPoll).poll();
    const coordinator = await t.auth('COORDINATOR');
    const shown = await t.http.get(`/api/meetings/${meeting.id}`).set(coordinator).expect(200);
    const mine = shown.body.participants.find((p: { id: string }) => p.id === me.id) as { texts: TextView[] };
    expect(mine.texts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'SMS_INVITE', status: 'SENT', providerStatus: 'delivered' }),
        expect.objectContaining({ kind: 'SMS_REMINDER', status: 'PENDING' }),
      ]),
    );
    expect(mine.texts.filter((x) => x.kind === 'SMS_REMINDER')).toHaveLength(2);

    // Texted, so not on the chair's "reach them another way" list; the checklist says they will be texted.
    const chair = await t.auth('CHAIR', { id: dir.people.chair.id });
    const tasks = await t.http.get(`/api/tasks?chairId=${dir.people.chair.id}&days=365`).set(chair).expect(200);
    expect(tasks.body.items.map((i: { participantId: string }) => i.participantId)).not.toContain(me.id);
    const checklist = await t.http.get(`/api/meetings/${meeting.id}/checklist`).set(chair).expect(200);
    expect(checklist.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'TEXTED', participantId: me.id })]),
    );
    expect(
      checklist.body.items.filter(
        (i: { kind: string; participantId?: string }) =>
          i.kind === 'CONTACT_WITHOUT_EMAIL' && i.participantId === me.id,
      ),
    ).toHaveLength(0);

    // The staff meeting page's checklist names who is texted.
    const bea = await signedIn(t, await anAccount(t, { email: 'bs@council.example', roles: ['COORDINATOR'] }));
    const page = (await bea.get(`/meetings/${meeting.id}`).expect(200)).text;
    expect(page).toMatch(/Done<\/strong> Texts to (Paula Textparent, Ada Textaunt|Ada Textaunt, Paula Textparent)/);

    // Nothing before its time.
    clock.set(new Date(new Date(STARTS).getTime() - 25 * HOUR));
    await texts.drain();
    expect(textsTo(parentPhone)).toHaveLength(1);

    clock.set(new Date(new Date(STARTS).getTime() - 24 * HOUR));
    await texts.drain();
    expect(textsTo(parentPhone)).toHaveLength(2);
    const dayBefore = textsTo(parentPhone)[1];
    expectDecentText(dayBefore, names);
    expect(dayBefore.body).toMatch(/^Reminder: .*tomorrow, Thursday 10 June 2027, 10:00/);
    expect(dayBefore.body).toContain('PIN 482911');

    clock.set(new Date(new Date(STARTS).getTime() - HOUR));
    await texts.drain();
    expect(textsTo(parentPhone)).toHaveLength(3);
    const hourBefore = textsTo(parentPhone)[2];
    expectDecentText(hourBefore, names);
    expect(hourBefore.body).toMatch(/^Reminder: .*in 1 hour, Thursday 10 June 2027, 10:00/);
    expect(new Set(textsTo(parentPhone).map((x) => x.reference)).size).toBe(3);

    clock.set(new Date(new Date(STARTS).getTime() - 50 * 60_000));
    await t.http
      .post(`/api/meetings/${meeting.id}/cancel`)
      .set(coordinator)
      .send({ reason: 'Concerns resolved' })
      .expect(200);
    await texts.drain();
    expect(textsTo(parentPhone)).toHaveLength(4);
    const cancellation = textsTo(parentPhone)[3];
    expectDecentText(cancellation, names);
    expect(cancellation.body).toContain('Thursday 10 June 2027, 10:00');
    expect(cancellation.body).toMatch(/cancelled/);
    expect(cancellation.body).not.toContain('Concerns resolved');
    await t.get<DeliveryWorker>(DeliveryWorker).drain();
  });

  it('moves the reminders with the session and texts the change', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const phone = '+44 7700 900666';
    const parent = await post<{ id: string }>(t, '/api/people', { name: 'Rory Textparent', kind: 'FAMILY', phone });
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-06-17T09:00:00Z')],
        participants: [{ personId: parent.id, role: 'PARENT' }],
      }),
    );
    await texts.drain();
    await t.http
      .patch(`/api/meetings/${meeting.id}/sessions/${meeting.sessions[0].id}`)
      .set(await t.auth('COORDINATOR'))
      .send({ startsAt: '2027-06-18T13:00:00Z', endsAt: '2027-06-18T14:30:00Z' })
      .expect(200);
    await texts.drain();
    expect(textsTo(phone)).toHaveLength(2);
    expect(textsTo(phone)[1].body).toMatch(/has changed\. It is now on Friday 18 June 2027, 14:00/);

    // The network refuses the change: the text is BOUNCED on the meeting and the chair must reach them another way.
    const me = participantOf(meeting, parent.id);
    const chair = await t.auth('CHAIR', { id: dir.people.chair.id });
    const onTasks = async () =>
      (await t.http.get(`/api/tasks?chairId=${dir.people.chair.id}&days=365`).set(chair).expect(200)).body.items.map(
        (i: { participantId: string }) => i.participantId,
      ) as string[];
    expect(await onTasks()).not.toContain(me.id);
    notify.statuses.set(textsTo(phone)[1].id, 'permanent-failure');
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    await t.get<SmsStatusPoll>(SmsStatusPoll).poll();
    const shown = await t.http.get(`/api/meetings/${meeting.id}`).set(chair).expect(200);
    expect(shown.body.participants.find((p: { id: string }) => p.id === me.id).texts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'SMS_UPDATE', status: 'BOUNCED', providerStatus: 'permanent-failure' }),
      ]),
    );
    expect(await onTasks()).toContain(me.id);
    // …and the coordinator's tasks page lists the text among the invitations that failed, with Notify's reason.
    const coordinator = await signedIn(
      t,
      await anAccount(t, { email: 'tasks@council.example', roles: ['COORDINATOR'] }),
    );
    const failed = (await coordinator.get('/tasks').expect(200)).text.split('Invitations that failed or came back')[1];
    expect(failed.split(/<h2/)[0]).toMatch(
      /Rory Textparent \(Parent\)[\s\S]*Text not delivered \(the number is wrong or the network refused it\): check their mobile number/,
    );

    clock.set(new Date('2027-06-16T09:00:00Z')); // the old "day before": nothing
    await texts.drain();
    expect(textsTo(phone)).toHaveLength(2);
    clock.set(new Date('2027-06-17T13:00:00Z'));
    await texts.drain();
    expect(textsTo(phone)).toHaveLength(3);
    expect(textsTo(phone)[2].body).toContain('tomorrow, Friday 18 June 2027, 14:00');
  });

  it('lets a parent with an email ask for texts on their own page, and stop them; audited without the number', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z'));
    const phone = '+44 7700 900777';
    const parent = await post<{ id: string }>(t, '/api/people', {
      name: 'Olive Optparent',
      kind: 'FAMILY',
      email: 'olive@family.example',
      phone,
    });
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [(await aCase(t)).id],
        chairId: dir.people.chair.id,
        allowOverlap: true,
        sessions: [aSession('2027-06-24T09:00:00Z')],
        participants: [{ personId: parent.id, role: 'PARENT' }],
      }),
    );
    await texts.drain();
    expect(textsTo(phone)).toHaveLength(0); // an email address and no choice made: email only
    const me = participantOf(meeting, parent.id);
    const path = await personalPathOf(t, me.id);
    const page = (await t.http.get(path).expect(200)).text;
    expect(page).toContain('<h2 class="govuk-heading-m" id="texts">Text messages</h2>');
    expect(page).toMatch(
      /<form method="post" action="\/p\/[^"]+\/texts"[^>]*>\s*<input type="hidden" name="texts" value="on">/,
    );

    // The page's button, as a browser without JavaScript posts it.
    const chosen = await t.http.post(`${path}/texts`).type('form').send({ texts: 'on' }).expect(303);
    expect(chosen.headers.location).toBe(`${path}?texts=on#texts`);
    const after = (await t.http.get(`${path}?texts=on`).expect(200)).text;
    expect(after).toContain('We will send you texts about your meetings.');
    expect(after).toContain('Stop sending me texts');
    await texts.drain();
    expect(textsTo(phone)).toHaveLength(1);
    expect(textsTo(phone)[0].body).toMatch(/Thursday 24 June 2027, 10:00/);
    const pending = await t.dataSource.query(
      `SELECT kind FROM deliveries WHERE participant_id = $1 AND channel = 'sms' AND status = 'PENDING' ORDER BY next_attempt_at`,
      [me.id],
    );
    expect(pending.map((r: { kind: string }) => r.kind)).toEqual(['SMS_REMINDER', 'SMS_REMINDER']);
    const shown = await t.http
      .get(`/api/people/${parent.id}`)
      .set(await t.auth('COORDINATOR'))
      .expect(200);
    expect(shown.body.prefersTexts).toBe(true);

    // Bad values name the field; an unknown link is a 404.
    const bad = await t.http.post(`${path}/texts`).type('form').send({ texts: 'maybe' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'texts' })]);
    await t.http.post('/p/not-a-real-token/texts').type('form').send({ texts: 'on' }).expect(404);

    // Turned off (as JSON here): the reminders not yet sent are withdrawn.
    await t.http.post(`${path}/texts`).send({ texts: false }).expect(200, { prefersTexts: false });
    const left = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE participant_id = $1 AND channel = 'sms' AND status = 'PENDING'`,
      [me.id],
    );
    expect(left[0].n).toBe(0);
    expect((await t.http.get(`${path}?texts=off`).expect(200)).text).toContain('We will not send you texts any more');

    const audit = await t.dataSource.query(
      `SELECT actor, action, changes FROM audit_events WHERE entity = 'person' AND entity_id = $1 AND action LIKE 'person.texts-%' ORDER BY at`,
      [parent.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['person.texts-chosen', 'person.texts-stopped']);
    expect(audit[0].actor).toBe(`participant:${me.id}`);
    expect(JSON.stringify(audit)).not.toContain('7700');
  });
});

describe('text messages without a Notify key (SMS_ENABLED=true)', () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp({ SMS_ENABLED: 'true' }, { clock: new FixedClock(new Date('2026-11-23T09:00:00Z')) });
    dir = await seedDirectory(t);
  });
  afterAll(() => t.close());

  it('writes each text to DATA_DIR/sms as a .txt file, the personal link not working at rest', async () => {
    const child = await aCase(t);
    const meeting = await post<MeetingBody>(
      t,
      '/api/meetings',
      aBooking({
        type: 'RCPC',
        caseIds: [child.id],
        chairId: dir.people.chair.id,
        sessions: [aSession(STARTS)],
        participants: [{ personId: dir.people.noEmailGran.id, role: 'GRANDPARENT' }],
      }),
    );
    await t.get<SmsWorker>(SmsWorker).drain();
    const folder = path.join(t.config.dataDir, 'sms');
    expect(existsSync(folder)).toBe(true);
    const files = readdirSync(folder).filter((f) => f.endsWith('.txt'));
    expect(files).toHaveLength(1);
    const written = readFileSync(path.join(folder, files[0]), 'utf8');
    expect(written).toContain('To: +44 7700 900333');
    expect(written).toContain('Thursday 10 June 2027, 10:00');
    expect(written).not.toContain('Gwen');
    const token = (await personalPathOf(t, participantOf(meeting, dir.people.noEmailGran.id).id)).slice(3);
    expect(written).not.toContain(token);
  });

  it('refuses a Notify key without a template, and a key of the wrong shape', () => {
    expect(() =>
      loadConfig({ NOTIFY_API_KEY: `k-${'a'.repeat(8)}-${crypto.randomUUID()}-${crypto.randomUUID()}` }),
    ).toThrow(/NOTIFY_SMS_TEMPLATE_ID/);
    expect(() => loadConfig({ NOTIFY_API_KEY: 'not-a-key' })).toThrow(ConfigError);
    expect(loadConfig({}).sms).toBeNull();
  });
});
