import { readRecordForm, RecordFormMeeting } from './record-form';
import { RecordContentMeeting } from './record-form-content';
import { formFieldOf, recordFormValues } from './record-form-values';
import { recordFormSections } from './record-form-view';

const CASE_A = '11111111-1111-4111-8111-111111111111';
const CASE_B = '44444444-4444-4444-8444-444444444444';
const SW = '22222222-2222-4222-8222-222222222222';
const SW_PERSON = '33333333-3333-4333-8333-333333333333';
const POLICE = '55555555-5555-4555-8555-555555555555';

const content = (more: Partial<RecordContentMeeting> = {}): RecordContentMeeting => ({
  planFor: [],
  late: null,
  referralCaseIds: [],
  actionsNameCase: false,
  consultation: false,
  agencies: [{ id: POLICE, name: 'Northshire Police' }],
  staff: [],
  chairPersonId: SW_PERSON,
  reports: [],
  ploLetters: null,
  ...more,
});
const meetingWith = (more: Partial<RecordContentMeeting>): RecordFormMeeting => ({
  sessions: [{ id: 's1', heading: 'The meeting' }],
  participants: [{ id: SW, personId: SW_PERSON, name: 'Sasha Worker', role: 'Social worker' }],
  owners: [{ personId: SW_PERSON, name: 'Sasha Worker' }],
  cases: [
    { id: CASE_A, reference: 'CR-1' },
    { id: CASE_B, reference: 'CR-2' },
  ],
  rules: {
    outcomes: ['CP_PLAN'],
    outcomeNeedsCategory: [],
    childParticipation: false,
    quorum: false,
    childViews: false,
    familyViews: false,
    advocacy: false,
    legalRepresentation: false,
    requiredAgencies: false,
    familyCopy: false,
  },
  content: content(more),
});

describe('the record form’s issue 22 parts', () => {
  it('shows each part only where the rules call for it', () => {
    const ids = (m: RecordFormMeeting) => recordFormSections(m, {}, {}).sections.map((s) => s.id);
    expect(ids(meetingWith({}))).toEqual(expect.arrayContaining(['reports-received', 'dissent']));
    expect(ids(meetingWith({}))).not.toContain('plan');
    expect(ids(meetingWith({ planFor: ['CP_PLAN'] }))).toContain('plan');
    expect(ids(meetingWith({ referralCaseIds: [CASE_B] }))).toContain('referrals');
    expect(ids(meetingWith({ late: { dueBy: '2026-10-22' } }))).toContain('late');
    expect(ids(meetingWith({ consultation: true }))).toContain('consultation');
    expect(ids(meetingWith({ ploLetters: [{ reference: 'CR-1', on: null }] }))).toContain('plo-letter');
  });

  it('keeps a saved part the type’s form does not show, and writes the ones it does', () => {
    const saved = {
      plan: {
        leadPractitionerPersonId: SW_PERSON,
        coreGroupPersonIds: [SW_PERSON],
        firstCoreGroupOn: '2026-12-01',
        reviewConferenceOn: '2027-02-01',
      },
    };
    expect(readRecordForm(meetingWith({}), {}, saved).dto.plan).toEqual(saved.plan);
    expect(readRecordForm(meetingWith({ planFor: ['CP_PLAN'] }), {}, saved).dto.plan).toBeUndefined();
  });

  it('reads a referral only for the cases that need one, and names half a row by field', () => {
    const m = meetingWith({ referralCaseIds: [CASE_B] });
    const { dto, errors, rows } = readRecordForm(
      m,
      {
        'referral-0-agency': POLICE,
        'referral-1-agency': POLICE,
        'referral-1-criteria': 'ESCALATION',
        'referral-1-dash': '30',
      },
      {},
    );
    expect(dto.referrals).toEqual([
      { caseId: CASE_B, referringAgencyId: POLICE, criteria: 'ESCALATION', childrenInHousehold: 0 },
    ]);
    expect(errors).toEqual({
      'referral-1-dash': 'Enter the DASH score for CR-2 as a number from 0 to 27',
      'referral-1-children': 'Enter the number of children in the household for CR-2, from 0 to 30',
    });
    expect(formFieldOf(m, rows, { field: 'referrals[0].dashScore', message: 'give the score' }).id).toBe(
      'referral-1-dash',
    );
    expect(formFieldOf(m, rows, { field: 'referrals', message: `record the referral for case ${CASE_A}` })).toEqual({
      id: 'referral-0-agency',
      text: 'Record the referral for case CR-1',
    });
  });

  it('names professionals not invited for distribution only, keeping a reason given through the API', () => {
    const GP = '66666666-6666-4666-8666-666666666666';
    const m = meetingWith({
      staff: [
        { personId: SW_PERSON, name: 'Sasha Worker' },
        { personId: GP, name: 'Dr Gita Practitioner' },
      ],
    });
    const section = recordFormSections(m, {}, {}).sections.find((s) => s.id === 'distribution');
    expect(section?.groups[0].fields[0].options?.map((o) => o.text)).toEqual(['Dr Gita Practitioner']); // not invitees
    const saved = { distribution: [{ personId: GP, reason: 'GP, absent' }] };
    expect(recordFormValues(m, saved).distribution).toEqual([GP]);
    expect(readRecordForm(m, { distribution: [GP, SW_PERSON] }, saved).dto.distribution).toEqual(saved.distribution);
    expect(readRecordForm(m, {}, saved).dto.distribution).toBeUndefined(); // unticked: no longer sent
    expect(formFieldOf(m, {}, { field: 'distribution[0].personId', message: 'is a family member' }).id).toBe(
      'distribution',
    );
  });

  it('fills the form back from a saved record', () => {
    const m = meetingWith({ consultation: true, late: { dueBy: '2026-10-22' } });
    const values = recordFormValues(m, {
      consultationForms: [{ from: 'SCHOOL', sent: true, returned: false }],
      disputeResolution: { stage: 'DIRECTOR', raisedOn: '2026-11-02' },
      dissent: [{ agencyId: POLICE, about: 'The plan', reason: 'Too little' }],
    });
    expect(values['consultation-sent']).toEqual(['SCHOOL']);
    expect(values['dispute-raised-day']).toBe('2');
    expect(values['dispute-raised-month']).toBe('11');
    expect(values['dissent-0-about']).toBe('The plan');
    expect(values['lateReason-chair']).toBe(SW_PERSON);
  });
});
