import type TestAgent from 'supertest/lib/agent';
import { aCase, Directory, seedDirectory } from './support/factories';
import { anAccount, csrfOf, signedIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

/** The form's fields as the page carries them (hidden version included). */
function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${name} on the page`);
  return match[1];
}

describe('people and cases pages', () => {
  let t: TestApp;
  let dir: Directory;
  let coordinator: TestAgent;
  let viewer: TestAgent;
  let marac: TestAgent;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await seedDirectory(t);
    coordinator = await signedIn(t, await anAccount(t, { email: 'cora@council.example', name: 'Cora Coordinator' }));
    viewer = await signedIn(t, await anAccount(t, { email: 'vic@council.example', roles: ['VIEWER'] }));
    marac = await signedIn(t, await anAccount(t, { email: 'mo@council.example', roles: ['MARAC_COORDINATOR'] }));
  });
  afterAll(() => t.close());

  describe('people', () => {
    it('finds people by every word of their name, as the access policy allows', async () => {
      const found = await coordinator.get('/people?q=testparent%20AMELIA').expect(200);
      expect(found.text).toContain(`href="/people/${dir.people.mother.id}">Amelia Testparent</a>`);
      expect(found.text).toContain('Family member');
      expect(found.text).not.toContain('Barry Testparent');
      expect(found.text).toContain('aria-current="page">People</a>');

      // A viewer invited to nothing finds professionals, and no family member at all.
      const asViewer = await viewer.get('/people?q=testparent').expect(200);
      expect(asViewer.text).not.toContain('Amelia');
      expect(asViewer.text).toContain('Nobody found for “testparent”');
      expect(asViewer.text).not.toContain('Add a person');
      expect((await viewer.get('/people?q=patel').expect(200)).text).toContain('DC Sam Patel');
      const hidden = await viewer.get(`/people/${dir.people.mother.id}`).expect(404);
      expect(hidden.text).not.toContain('Amelia');
      await viewer.get('/people/new').expect(403);
    });

    it('adds a person through the form, with each error beside its field first', async () => {
      const form = await coordinator.get('/people/new').expect(200);
      const _csrf = csrfOf(form.text);
      expect(form.text).toContain('Northshire Police');

      const bad = await coordinator
        .post('/people/new')
        .type('form')
        .send({ _csrf, name: ' ', email: 'not an email', kind: 'PROFESSIONAL' })
        .expect(422);
      expect(bad.text).toContain('<title>Error: Add a person – Quorum</title>');
      expect(bad.text).toContain('<a href="#name">Enter the person’s full name</a>');
      expect(bad.text).toContain('id="name-error"');
      expect(bad.text).toContain('id="email-error"');
      expect(bad.text).toContain('value="not an email"');

      const added = await coordinator
        .post('/people/new')
        .type('form')
        .send({
          _csrf,
          name: 'Priya Nurse',
          email: 'priya.nurse@health.example',
          phone: '01632 960 001',
          agencyId: dir.agencies.health,
          kind: 'PROFESSIONAL',
        })
        .expect(303);
      const page = await coordinator.get(added.headers.location).expect(200);
      expect(page.text).toContain('The person has been added');
      expect(page.text).toContain('Northshire Community Health');
      const api = await t.http.get(`/api/people?kind=PROFESSIONAL&limit=100`).set(await t.auth('COORDINATOR'));
      expect(api.body.items).toContainEqual(
        expect.objectContaining({
          name: 'Priya Nurse',
          email: 'priya.nurse@health.example',
          agencyId: dir.agencies.health,
        }),
      );
    });

    it('changes a parent’s details at the version the form was opened at; a stale form is refused', async () => {
      const path = `/people/${dir.people.father.id}/edit`;
      const form = await coordinator.get(path).expect(200);
      expect(form.text).toContain('value="father@family.example"');
      const fields = {
        _csrf: csrfOf(form.text),
        version: hidden(form.text, 'version'),
        name: 'Barry Testparent',
        email: 'barry.new@family.example',
        phone: '',
        agencyId: '',
      };
      await coordinator.post(path).type('form').send(fields).expect(303);
      const person = await t.http.get(`/api/people/${dir.people.father.id}`).set(await t.auth('COORDINATOR'));
      expect(person.body).toMatchObject({ email: 'barry.new@family.example', phone: null });

      const stale = await coordinator
        .post(path)
        .type('form')
        .send({ ...fields, email: 'other@family.example' })
        .expect(412);
      expect(stale.text).toContain('Someone changed these details after you opened this page');
      const after = await t.http.get(`/api/people/${dir.people.father.id}`).set(await t.auth('COORDINATOR'));
      expect(after.body.email).toBe('barry.new@family.example');
    });

    it('refuses a form without the session’s CSRF token', async () => {
      await coordinator.post('/people/new').type('form').send({ name: 'Eve', kind: 'FAMILY' }).expect(403);
    });
  });

  describe('cases', () => {
    let child: { id: string; reference: string };
    let adult: { id: string; reference: string };

    beforeAll(async () => {
      child = await aCase(t, { reference: 'CR-2026-0142', cpPlanStartedOn: '2026-09-14' });
      adult = await aCase(t, { reference: 'MARAC-2026-0007', kind: 'ADULT_VICTIM', subjectInitials: 'J.D.' });
    });

    it('finds cases by part of the reference, only those the person may see', async () => {
      const found = await coordinator.get('/cases?q=0142').expect(200);
      expect(found.text).toContain(`href="/cases/${child.id}">CR-2026-0142</a>`);
      expect(found.text).toContain('Child');
      // An adult victim's case is the MARAC compartment's: not a conference coordinator's.
      expect((await coordinator.get('/cases?q=MARAC').expect(200)).text).not.toContain('MARAC-2026-0007');
      await coordinator.get(`/cases/${adult.id}`).expect(404);
      const asMarac = await marac.get('/cases?q=marac').expect(200);
      expect(asMarac.text).toContain('MARAC-2026-0007');
      expect(asMarac.text).toContain('Adult victim (MARAC)');
      expect(asMarac.text).not.toContain('CR-2026-0142');
      // A "%" is a letter of the search, not a wildcard.
      expect((await coordinator.get('/cases?q=%25').expect(200)).text).not.toContain('CR-2026-0142');
    });

    it('adds a case; a reference already used is shown beside the field', async () => {
      const form = await coordinator.get('/cases/new?reference=CR-2026-0200').expect(200);
      expect(form.text).toContain('value="CR-2026-0200"');
      const _csrf = csrfOf(form.text);
      const bad = await coordinator
        .post('/cases/new')
        .type('form')
        .send({
          _csrf,
          reference: 'CR 2026',
          kind: 'CHILD',
          'dateOfBirth-day': '31',
          'dateOfBirth-month': '2',
          'dateOfBirth-year': '2019',
        })
        .expect(422);
      expect(bad.text).toContain('href="#reference"');
      expect(bad.text).toContain('<a href="#dateOfBirth-day">Date of birth must be a real date, like 27 3 2019</a>');

      const added = await coordinator
        .post('/cases/new')
        .type('form')
        .send({
          _csrf,
          reference: 'CR-2026-0200',
          kind: 'CHILD',
          subjectInitials: 'B.C.',
          'dateOfBirth-day': '2',
          'dateOfBirth-month': '4',
          'dateOfBirth-year': '2019',
        })
        .expect(303);
      const page = await coordinator.get(added.headers.location).expect(200);
      expect(page.text).toContain('Case CR-2026-0200');
      expect(page.text).toContain('2 April 2019');
      expect(page.text).toContain('href="/meetings/new?case=CR-2026-0200"');

      const again = await coordinator
        .post('/cases/new')
        .type('form')
        .send({ _csrf, reference: 'CR-2026-0200', kind: 'CHILD' })
        .expect(409);
      expect(again.text).toContain('id="reference-error"');
      expect(again.text).toContain('A case with reference CR-2026-0200 already exists');
    });

    it('changes the dates the reviews count from; an end before its start is refused beside the field', async () => {
      const path = `/cases/${child.id}/edit`;
      const form = await coordinator.get(path).expect(200);
      expect(form.text).toContain('name="cpPlanStartedOn-day" type="text" inputmode="numeric" value="14"');
      const fields = {
        _csrf: csrfOf(form.text),
        version: hidden(form.text, 'version'),
        subjectInitials: 'A.T.',
        'cpPlanStartedOn-day': '14',
        'cpPlanStartedOn-month': '9',
        'cpPlanStartedOn-year': '2026',
        'cpPlanEndedOn-day': '1',
        'cpPlanEndedOn-month': '9',
        'cpPlanEndedOn-year': '2026',
      };
      const refused = await coordinator.post(path).type('form').send(fields).expect(400);
      expect(refused.text).toContain(
        '<a href="#cpPlanEndedOn-day">Date the child protection plan ended is before the plan started',
      );

      await coordinator
        .post(path)
        .type('form')
        .send({ ...fields, 'cpPlanEndedOn-day': '1', 'cpPlanEndedOn-month': '3', 'cpPlanEndedOn-year': '2027' })
        .expect(303);
      const saved = await t.http.get(`/api/cases/${child.id}`).set(await t.auth('COORDINATOR'));
      expect(saved.body).toMatchObject({ cpPlanStartedOn: '2026-09-14', cpPlanEndedOn: '2027-03-01', version: 2 });
      await viewer.get(path).expect(403);
    });
  });
});
