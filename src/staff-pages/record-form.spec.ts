import { readRecordForm, RecordFormMeeting, rowCount } from './record-form';
import { formFieldOf, recordFormValues } from './record-form-values';
import { recordFormSections } from './record-form-view';

const CASE = '11111111-1111-4111-8111-111111111111';
const SW = '22222222-2222-4222-8222-222222222222';
const SW_PERSON = '33333333-3333-4333-8333-333333333333';

const meeting: RecordFormMeeting = {
  sessions: [
    { id: 's1', heading: 'Part 1' },
    { id: 's2', heading: 'Part 2' },
  ],
  participants: [{ id: SW, personId: SW_PERSON, name: 'Sasha Worker', role: 'Social worker' }],
  owners: [{ personId: SW_PERSON, name: 'Sasha Worker' }],
  cases: [{ id: CASE, reference: 'CR-1' }],
  rules: {
    outcomes: ['RECOMMENDATIONS'],
    outcomeNeedsCategory: [],
    childParticipation: true,
    quorum: false,
    childViews: true,
    familyViews: true,
    advocacy: true,
    legalRepresentation: false,
    requiredAgencies: false,
    familyCopy: true,
  },
};

describe('the record form', () => {
  it('reads the parts held, attendance, the PN code, decisions and actions into the minutes DTO', () => {
    const { dto, rows, errors } = readRecordForm(
      meeting,
      {
        'session-0-method': 'IN_PERSON',
        'session-1-method': 'VIDEO',
        'session-1-reason': 'The child was at school',
        'attendance-0-status': 'ATTENDED',
        'attendance-0-joinedBy': 'PHONE',
        'pn-0': 'PN1',
        'decision-1-text': 'Plan continues',
        'decision-1-rationale': 'Needs met',
        'decision-1-share': 'yes',
        'action-0-description': 'Visit',
        'action-0-owner': SW_PERSON,
        'action-0-due-day': '3',
        'action-0-due-month': '2',
        'action-0-due-year': '2027',
        'action-0-need': 'Education',
        'outcome-0-outcome': 'RECOMMENDATIONS',
        decisionRows: '3',
        actionRows: '3',
      },
      {},
    );
    expect(errors).toEqual({});
    expect(dto.sessions).toEqual([
      { sessionId: 's1', method: 'IN_PERSON' },
      { sessionId: 's2', method: 'VIDEO', reason: 'The child was at school' },
    ]);
    expect(dto.attendance).toEqual([{ participantId: SW, status: 'ATTENDED', joinedBy: 'PHONE' }]);
    expect(dto.childParticipationByCase).toEqual([{ caseId: CASE, code: 'PN1' }]);
    expect(dto.decisions).toEqual([{ text: 'Plan continues', rationale: 'Needs met', shareWithFamily: true }]);
    expect(dto.actions?.[0]).toMatchObject({ ownerPersonId: SW_PERSON, dueOn: '2027-02-03', need: 'Education' });
    expect(dto.outcomes).toEqual([{ caseId: CASE, outcome: 'RECOMMENDATIONS', shareWithFamily: false }]);
    // The second decision row on the form is the first decision of the record.
    expect(rows['decisions[0]']).toBe('decision-1');
  });

  it('keeps the parts of a saved record the form does not show', () => {
    const plan = {
      leadPractitionerPersonId: SW_PERSON,
      coreGroupPersonIds: [SW_PERSON],
      firstCoreGroupOn: '2026-12-01',
      reviewConferenceOn: '2027-02-01',
    };
    const { dto } = readRecordForm(meeting, { summary: 'New' }, { plan, summary: 'Old' });
    expect(dto.plan).toEqual(plan);
    expect(dto.summary).toBe('New');
  });

  it('names a half-filled row and an unreal due date by field', () => {
    const { errors } = readRecordForm(
      meeting,
      { 'decision-0-text': 'A decision', 'action-0-description': 'Visit', 'action-0-due-month': '13' },
      {},
    );
    expect(errors['decision-0-rationale']).toBe('Enter the reasons for decision 1');
    expect(errors['action-0-owner']).toBe('Select who owns action 1');
    expect(errors['action-0-due-day']).toMatch(/real date/);
  });

  it('points an error of the minutes service at its field, with ids as words', () => {
    const { rows } = readRecordForm(
      meeting,
      { 'decision-2-text': 'x', 'decision-2-rationale': 'y', decisionRows: '3' },
      {},
    );
    expect(formFieldOf(meeting, rows, { field: 'childParticipation', message: 'a LAC review records…' }).id).toBe(
      'pn-0',
    );
    expect(formFieldOf(meeting, rows, { field: 'decisions[0].rationale', message: 'too long' }).id).toBe(
      'decision-2-rationale',
    );
    expect(
      formFieldOf(meeting, rows, { field: 'attendance', message: `account for participant ${SW} (SOCIAL_WORKER)` }),
    ).toEqual({ id: 'attendance-0-status', text: 'Account for Sasha Worker (social worker)' });
    expect(formFieldOf(meeting, rows, { field: 'outcomes', message: `record the outcome for case ${CASE}` })).toEqual({
      id: 'outcome-0-outcome',
      text: 'Record the outcome for case CR-1',
    });
  });

  it('fills the form from a saved record, and an invitee the log shows joined starts as attended', () => {
    const values = recordFormValues(
      meeting,
      { actions: [{ description: 'Visit', ownerPersonId: SW_PERSON, dueOn: '2027-02-03', need: 'Education' }] },
      new Set([SW]),
    );
    expect(values['attendance-0-status']).toBe('ATTENDED');
    expect([values['action-0-due-day'], values['action-0-due-month'], values['action-0-due-year']]).toEqual([
      '3',
      '2',
      '2027',
    ]);
    const { sections, actionRows } = recordFormSections(meeting, values, {});
    expect(actionRows).toBe(3);
    expect(sections.map((s) => s.heading)).toEqual([
      'How each part was held',
      'Who attended',
      'The child',
      'Views',
      'Summary',
      'Decisions',
      'Actions',
      'Outcome',
    ]);
  });

  it('offers the rows written, two blank ones, and more when asked', () => {
    expect(rowCount({}, 'decisionRows', 1)).toBe(3);
    expect(rowCount({ decisionRows: '5' }, 'decisionRows', 1)).toBe(5);
    expect(rowCount({ decisionRows: '9999' }, 'decisionRows', 0)).toBe(100);
  });
});
