import { formatLondon } from '../time/london';
import { englandAndWalesCalendar } from '../time/working-days';
import { MeetingType, meetingTypeRules } from './meeting-types';
import {
  CaseHistory,
  earliestDueBy,
  HeldMeeting,
  isWithinTimescale,
  nextDue,
  preReadDeadline,
  statutoryDueBy,
} from './timescale-rules';

const calendar = englandAndWalesCalendar();
const rules = meetingTypeRules();
const held = (type: MeetingType, heldOn: string) => ({ type, heldOn });
const history = (...meetings: HeldMeeting[]): CaseHistory => ({ meetings });

describe('ICPC: within 15 working days of the strategy discussion (Working Together)', () => {
  it('counts across Christmas and New Year, skipping 25 and 28 December and 1 January', () => {
    // 15–18, 21–24 Dec (8), 29–31 Dec (11), 4–7 Jan (15)
    expect(statutoryDueBy(rules.ICPC, history(held('STRATEGY', '2026-12-14')), calendar)).toEqual({
      dueBy: '2027-01-07',
      basis: '15 working days after the strategy discussion on 2026-12-14',
    });
  });

  it('with no outcome recorded, counts from the earliest strategy discussion since the last ICPC, or from the one the booking names', () => {
    const twoDiscussions = history(held('STRATEGY', '2026-11-02'), held('STRATEGY', '2026-11-20'));
    expect(statutoryDueBy(rules.ICPC, twoDiscussions, calendar)?.dueBy).toBe('2026-11-23');
    expect(
      statutoryDueBy(rules.ICPC, twoDiscussions, calendar, { trigger: held('STRATEGY', '2026-11-20') })?.dueBy,
    ).toBe('2026-12-11');
  });

  it('stops the clock when a record says no ICPC is needed, and starts it again at a later discussion', () => {
    const concluded = history(
      { type: 'STRATEGY', heldOn: '2026-11-02', outcome: 'SECTION_47' },
      { type: 'STRATEGY', heldOn: '2026-11-16', outcome: 'ICPC_NOT_REQUIRED' },
    );
    expect(statutoryDueBy(rules.ICPC, concluded, calendar)).toBeNull();
    expect(nextDue(rules, concluded, calendar)).toEqual([]);
    expect(
      statutoryDueBy(rules.ICPC, { meetings: [...concluded.meetings, held('STRATEGY', '2026-11-20')] }, calendar)
        ?.dueBy,
    ).toBe('2026-12-11');
  });

  it('counts from the discussion whose record started the s47 enquiry, never from one that decided against it', () => {
    const withOutcome = (heldOn: string, outcome: string) => ({ type: 'STRATEGY' as const, heldOn, outcome });
    // 2 Nov started the enquiry; 20 Nov reviewed it: due 15 working days after 2 Nov (23 Nov), not after 20 Nov.
    expect(
      statutoryDueBy(
        rules.ICPC,
        history(withOutcome('2026-11-02', 'SECTION_47'), held('STRATEGY', '2026-11-20')),
        calendar,
      )?.dueBy,
    ).toBe('2026-11-23');
    // A discussion that decided no enquiry starts no clock; the later one does.
    expect(
      statutoryDueBy(
        rules.ICPC,
        history(withOutcome('2026-11-02', 'NO_SECTION_47'), held('STRATEGY', '2026-11-20')),
        calendar,
      )?.dueBy,
    ).toBe('2026-12-11');
    expect(statutoryDueBy(rules.ICPC, history(withOutcome('2026-11-02', 'NO_SECTION_47')), calendar)).toBeNull();
    expect(nextDue(rules, history(withOutcome('2026-11-02', 'NO_SECTION_47')), calendar)).toEqual([]);
  });

  it('starts a new count for a strategy discussion after an earlier conference, and none from before it', () => {
    const h = history(held('STRATEGY', '2026-03-02'), held('ICPC', '2026-03-20'), held('STRATEGY', '2026-11-20'));
    expect(statutoryDueBy(rules.ICPC, h, calendar)?.dueBy).toBe('2026-12-11');
    expect(
      nextDue(rules, history(held('STRATEGY', '2026-03-02'), held('ICPC', '2026-03-20')), calendar).some(
        (d) => d.type === 'ICPC',
      ),
    ).toBe(false);
  });

  it('ranks a strategy discussion on a Saturday as the Friday before', () => {
    // Sat 19 Dec ranks as Fri 18 Dec: 21–24 (4), 29–31 (7), 4–8 Jan (12), 11–13 Jan (15)
    expect(statutoryDueBy(rules.ICPC, history(held('STRATEGY', '2026-12-19')), calendar)).toEqual({
      dueBy: '2027-01-13',
      basis: '15 working days after the strategy discussion on 2026-12-19',
    });
  });

  it('has no due date without a strategy discussion', () => {
    expect(statutoryDueBy(rules.ICPC, history(), calendar)).toBeNull();
    expect(
      statutoryDueBy(rules.ICPC, history(held('STRATEGY', '2026-12-14')), calendar, { before: '2026-12-10' }),
    ).toBeNull();
  });
});

describe('RCPC: first within 3 months of the ICPC, then at most 6 months apart (Working Together)', () => {
  it('counts the first from the ICPC, moving a Sunday back to the Friday', () => {
    expect(statutoryDueBy(rules.RCPC, history(held('ICPC', '2026-11-30')), calendar)).toEqual({
      dueBy: '2027-02-26', // 28 February 2027 is a Sunday
      basis: '3 months after the initial child protection conference on 2026-11-30',
    });
  });

  it('moves a date on Christmas Day back to Christmas Eve', () => {
    expect(statutoryDueBy(rules.RCPC, history(held('ICPC', '2026-09-25')), calendar)?.dueBy).toBe('2026-12-24');
  });

  it('counts the first from the plan start when Quorum holds no ICPC', () => {
    expect(statutoryDueBy(rules.RCPC, { cpPlanStartedOn: '2026-09-14', meetings: [] }, calendar)).toEqual({
      dueBy: '2026-12-14',
      basis: '3 months after the start of the child protection plan on 2026-09-14',
    });
  });

  it('counts later ones 6 months from the previous review', () => {
    const afterOne = history(held('ICPC', '2026-01-05'), held('RCPC', '2026-04-01'));
    expect(statutoryDueBy(rules.RCPC, afterOne, calendar)).toEqual({
      dueBy: '2026-10-01',
      basis: '6 months after the first review child protection conference on 2026-04-01',
    });
    const afterTwo = history(held('RCPC', '2026-09-30'), held('ICPC', '2026-01-05'), held('RCPC', '2026-04-01'));
    expect(statutoryDueBy(rules.RCPC, afterTwo, calendar)).toEqual({
      dueBy: '2027-03-30',
      basis: '6 months after the previous review child protection conference on 2026-09-30',
    });
  });

  it('starts again for a new plan: reviews under an earlier plan do not count', () => {
    const newPlan = {
      cpPlanStartedOn: '2026-09-14',
      meetings: [held('ICPC', '2024-01-10'), held('RCPC', '2024-04-05')],
    };
    expect(statutoryDueBy(rules.RCPC, newPlan, calendar)?.dueBy).toBe('2026-12-14');
  });
});

describe('core groups: first within 10 working days of the ICPC, then every 4 weeks (local)', () => {
  it('counts the first in working days across Christmas', () => {
    // Thu 17 Dec: 18 (1), 21–24 (5), 29–31 (8), 4–5 Jan (10)
    expect(statutoryDueBy(rules.CORE_GROUP, history(held('ICPC', '2026-12-17')), calendar)).toEqual({
      dueBy: '2027-01-05',
      basis: '10 working days after the initial child protection conference on 2026-12-17',
    });
  });

  it('counts a core group held the same day as its ICPC', () => {
    const sameDay = history(held('ICPC', '2026-12-17'), held('CORE_GROUP', '2026-12-17'));
    const due = statutoryDueBy(rules.CORE_GROUP, sameDay, calendar, { before: '2026-12-17' });
    expect(due?.dueBy).toBe('2027-01-05');
    expect(isWithinTimescale(due?.dueBy ?? null, '2026-12-17')).toBe(true);
  });

  it('counts later ones in weeks, moved back off a bank holiday', () => {
    expect(
      statutoryDueBy(rules.CORE_GROUP, history(held('ICPC', '2026-12-17'), held('CORE_GROUP', '2027-01-05')), calendar)
        ?.dueBy,
    ).toBe('2027-02-02');
    // 30 Nov + 4 weeks = Mon 28 Dec 2026, the Boxing Day substitute
    expect(
      statutoryDueBy(rules.CORE_GROUP, history(held('ICPC', '2026-11-16'), held('CORE_GROUP', '2026-11-30')), calendar)
        ?.dueBy,
    ).toBe('2026-12-24');
  });

  it('follows a deployment that meets every 6 weeks', () => {
    const local = meetingTypeRules({ CORE_GROUP: { timescale: { later: { amount: 6 } } } });
    expect(
      statutoryDueBy(local.CORE_GROUP, history(held('ICPC', '2026-12-17'), held('CORE_GROUP', '2027-01-05')), calendar),
    ).toEqual({
      dueBy: '2027-02-16',
      basis: '6 weeks after the first core group meeting on 2027-01-05',
    });
  });
});

describe('LAC reviews (Care Planning Regulations 2010 reg 33)', () => {
  it('first: within 20 working days of becoming looked after, skipping Easter', () => {
    // From Mon 1 Mar 2027; Good Friday 26 and Easter Monday 29 March are skipped
    expect(statutoryDueBy(rules.LAC_REVIEW, { enteredCareOn: '2027-03-01', meetings: [] }, calendar)).toEqual({
      dueBy: '2027-03-31',
      basis: '20 working days after the child became looked after on 2027-03-01',
    });
  });

  it('second: within 3 months of the first', () => {
    expect(
      statutoryDueBy(
        rules.LAC_REVIEW,
        { enteredCareOn: '2026-07-01', meetings: [held('LAC_REVIEW', '2026-07-29')] },
        calendar,
      ),
    ).toEqual({
      dueBy: '2026-10-29',
      basis: '3 months after the first looked-after child review on 2026-07-29',
    });
  });

  it('third and later: within 6 months, clamped to the month end and moved off the weekend', () => {
    const third = {
      enteredCareOn: '2026-07-01',
      meetings: [held('LAC_REVIEW', '2026-08-31'), held('LAC_REVIEW', '2026-07-29')],
    };
    // 31 Aug 2026 + 6 months = 28 Feb 2027 (no 31st), a Sunday: Friday 26 February
    expect(statutoryDueBy(rules.LAC_REVIEW, third, calendar)).toEqual({
      dueBy: '2027-02-26',
      basis: '6 months after the previous looked-after child review on 2026-08-31',
    });
    const leapYear = {
      enteredCareOn: '2027-07-01',
      meetings: [held('LAC_REVIEW', '2027-07-29'), held('LAC_REVIEW', '2027-08-31')],
    };
    expect(statutoryDueBy(rules.LAC_REVIEW, leapYear, calendar)?.dueBy).toBe('2028-02-29');
  });

  it('judges a review already recorded against the reviews before it', () => {
    const recorded = {
      enteredCareOn: '2026-07-01',
      meetings: [held('LAC_REVIEW', '2026-07-29'), held('LAC_REVIEW', '2026-10-30')],
    };
    const due = statutoryDueBy(rules.LAC_REVIEW, recorded, calendar, { before: '2026-10-30' });
    expect(due?.dueBy).toBe('2026-10-29');
    expect(isWithinTimescale(due?.dueBy ?? null, '2026-10-30')).toBe(false);
  });

  it('starts again when the child comes back into care', () => {
    const returned = {
      enteredCareOn: '2027-03-01',
      meetings: [held('LAC_REVIEW', '2026-07-29'), held('LAC_REVIEW', '2026-08-31')],
    };
    expect(statutoryDueBy(rules.LAC_REVIEW, returned, calendar)?.dueBy).toBe('2027-03-31');
  });

  it('has no due date for a child who is not looked after', () => {
    expect(statutoryDueBy(rules.LAC_REVIEW, history(), calendar)).toBeNull();
  });
});

describe('meetings without a statutory timescale', () => {
  it.each(['STRATEGY', 'CIN_REVIEW', 'PLO', 'MARAC'] as const)('%s has no due date', (type) => {
    expect(
      statutoryDueBy(
        rules[type],
        { enteredCareOn: '2026-01-05', cpPlanStartedOn: '2026-01-05', meetings: [held('STRATEGY', '2026-01-02')] },
        calendar,
      ),
    ).toBeNull();
  });
});

describe('judging timeliness', () => {
  it('a meeting on the due date is within; the day after is not; no due date, no judgement', () => {
    expect(isWithinTimescale('2027-01-07', '2027-01-07')).toBe(true);
    expect(isWithinTimescale('2027-01-07', '2027-01-08')).toBe(false);
    expect(isWithinTimescale(null, '2027-01-08')).toBeNull();
  });

  it('a sibling group is due by the earliest of its children’s dates', () => {
    const first = { dueBy: '2027-01-07', basis: 'a' };
    const earliest = { dueBy: '2026-12-31', basis: 'b' };
    expect(earliestDueBy([first, null, earliest])).toBe(earliest);
    expect(earliestDueBy([null, null])).toBeNull();
  });
});

describe('what is due next for a case', () => {
  const due = (h: CaseHistory) => nextDue(rules, h, calendar).map((d) => [d.type, d.dueBy]);

  it('after a strategy discussion: the ICPC', () => {
    expect(due(history(held('STRATEGY', '2026-12-14')))).toEqual([['ICPC', '2027-01-07']]);
  });

  it('after the ICPC: the first core group and the first review conference, not another ICPC', () => {
    // Tue 15 Dec: core group by Thu 31 Dec (16–18, 21–24, 29–31); RCPC by 15 March 2027
    expect(due(history(held('STRATEGY', '2026-12-01'), held('ICPC', '2026-12-15')))).toEqual([
      ['CORE_GROUP', '2026-12-31'],
      ['RCPC', '2027-03-15'],
    ]);
  });

  it('after an ICPC that decided on no plan: no core group and no review conference', () => {
    expect(
      due(history(held('STRATEGY', '2026-12-01'), { type: 'ICPC', heldOn: '2026-12-15', outcome: 'NO_CP_PLAN' })),
    ).toEqual([]);
  });

  it('after a review conference that ended the plan: nothing until a new ICPC', () => {
    const ended = history(held('ICPC', '2027-01-19'), { type: 'RCPC', heldOn: '2027-04-13', outcome: 'NO_CP_PLAN' });
    expect(due(ended)).toEqual([]);
    expect(due({ ...ended, meetings: [...ended.meetings, held('ICPC', '2027-06-01')] })).toEqual([
      ['CORE_GROUP', '2027-06-15'],
      ['RCPC', '2027-09-01'],
    ]);
  });

  it('after an ICPC that decided no plan, the case’s older plan start date does not count', () => {
    expect(
      due({ cpPlanStartedOn: '2025-06-02', meetings: [{ type: 'ICPC', heldOn: '2027-01-19', outcome: 'NO_CP_PLAN' }] }),
    ).toEqual([]);
  });

  it('after entering care with no review yet: LAC review 1', () => {
    const result = nextDue(rules, { enteredCareOn: '2027-03-01', meetings: [] }, calendar);
    expect(result).toEqual([
      {
        type: 'LAC_REVIEW',
        dueBy: '2027-03-31',
        basis: '20 working days after the child became looked after on 2027-03-01',
      },
    ]);
  });

  it('nothing for a case with nothing to count from', () => {
    expect(due(history(held('CIN_REVIEW', '2026-12-01')))).toEqual([]);
  });
});

describe('pre-read deadlines', () => {
  it('48 real hours before, across the March clock change', () => {
    // Mon 30 March 2026 10:00 BST (09:00Z): 48 hours earlier is Sat 28 March 09:00 GMT
    const deadline = preReadDeadline(rules.ICPC, new Date('2026-03-30T09:00:00Z'), calendar);
    expect(deadline.toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(formatLondon(deadline)).toBe('Saturday 28 March 2026, 09:00 (UK time)');
  });

  it('48 real hours before, across the October clock change', () => {
    // Mon 26 October 2026 10:00 GMT: 48 hours earlier is Sat 24 October 11:00 BST
    const deadline = preReadDeadline(rules.RCPC, new Date('2026-10-26T10:00:00Z'), calendar);
    expect(deadline.toISOString()).toBe('2026-10-24T10:00:00.000Z');
    expect(formatLondon(deadline)).toBe('Saturday 24 October 2026, 11:00 (UK time)');
  });

  it('MARAC: 10:00 London time on the day, in summer and in winter', () => {
    expect(preReadDeadline(rules.MARAC, new Date('2026-07-09T12:00:00Z'), calendar).toISOString()).toBe(
      '2026-07-09T09:00:00.000Z',
    );
    expect(preReadDeadline(rules.MARAC, new Date('2026-12-10T12:00:00Z'), calendar).toISOString()).toBe(
      '2026-12-10T10:00:00.000Z',
    );
    expect(preReadDeadline(rules.MARAC, new Date('2026-03-29T12:00:00Z'), calendar).toISOString()).toBe(
      '2026-03-29T09:00:00.000Z',
    ); // the day the clocks go forward
  });

  it('MARAC starting at or before 10:00: 10:00 on the previous working day, or the start where a deployment says so', () => {
    // Thu 10 Dec 2026 09:30 → Wed 9 Dec 10:00; Mon 4 Jan 2027 10:00 → Thu 31 Dec 10:00 (New Year's Day is a bank holiday).
    expect(preReadDeadline(rules.MARAC, new Date('2026-12-10T09:30:00Z'), calendar).toISOString()).toBe(
      '2026-12-09T10:00:00.000Z',
    );
    expect(preReadDeadline(rules.MARAC, new Date('2027-01-04T10:00:00Z'), calendar).toISOString()).toBe(
      '2026-12-31T10:00:00.000Z',
    );
    const local = meetingTypeRules({
      MARAC: { preRead: { kind: 'LONDON_TIME_ON_DAY', time: '10:00', earlyStart: 'AT_START' } },
    });
    expect(preReadDeadline(local.MARAC, new Date('2026-12-10T09:30:00Z'), calendar).toISOString()).toBe(
      '2026-12-10T09:30:00.000Z',
    );
  });

  it('a London time in the hour the clocks skip falls due when they go forward', () => {
    const local = meetingTypeRules({ MARAC: { preRead: { kind: 'LONDON_TIME_ON_DAY', time: '01:30' } } });
    expect(preReadDeadline(local.MARAC, new Date('2026-03-29T12:00:00Z'), calendar).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('a local rule in working days: a London time that many working days before, skipping bank holidays and closures', () => {
    const local = meetingTypeRules({ ICPC: { preRead: { kind: 'WORKING_DAYS_BEFORE', days: 3, time: '12:00' } } });
    // Tue 5 Jan 2027: Mon 4 Jan (1), Thu 31 Dec (2), Wed 30 Dec (3) — noon GMT.
    expect(preReadDeadline(local.ICPC, new Date('2027-01-05T10:00:00Z'), calendar).toISOString()).toBe(
      '2026-12-30T12:00:00.000Z',
    );
    // With the council closed 29–31 December: Mon 4 Jan (1), Thu 24 Dec (2), Wed 23 Dec (3).
    const closed = englandAndWalesCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);
    expect(preReadDeadline(local.ICPC, new Date('2027-01-05T10:00:00Z'), closed).toISOString()).toBe(
      '2026-12-23T12:00:00.000Z',
    );
    // In summer the same noon is 11:00Z; a meeting on a Saturday counts from the Friday it ranks as.
    expect(preReadDeadline(local.ICPC, new Date('2027-07-10T10:00:00Z'), calendar).toISOString()).toBe(
      '2027-07-06T11:00:00.000Z',
    );
  });

  it('never lies in the past when it is set: a meeting booked inside its window has its pre-reads due at its start', () => {
    const start = new Date('2027-01-05T10:00:00Z');
    expect(preReadDeadline(rules.ICPC, start, calendar, new Date('2027-01-04T09:00:00Z')).toISOString()).toBe(
      '2027-01-05T10:00:00.000Z',
    );
    expect(preReadDeadline(rules.ICPC, start, calendar, new Date('2027-01-02T09:00:00Z')).toISOString()).toBe(
      '2027-01-03T10:00:00.000Z',
    );
    expect(preReadDeadline(rules.STRATEGY, start, calendar).toISOString()).toBe('2027-01-05T10:00:00.000Z');
  });

  it('follows a deployment override', () => {
    const local = meetingTypeRules({ PLO: { preRead: { kind: 'HOURS_BEFORE', hours: 72 } } });
    expect(preReadDeadline(local.PLO, new Date('2026-12-10T10:00:00Z'), calendar).toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
    expect(preReadDeadline(local.ICPC, new Date('2026-12-10T10:00:00Z'), calendar).toISOString()).toBe(
      '2026-12-08T10:00:00.000Z',
    );
  });
});

describe('dates on the case that stop a cycle (issue 22)', () => {
  const types = (h: CaseHistory) => nextDue(rules, h, calendar).map((d) => d.type);

  it('stops LAC reviews when the child ceases to be looked after, and starts them again when they come back into care', () => {
    const inCare: CaseHistory = { enteredCareOn: '2026-11-02', meetings: [held('LAC_REVIEW', '2026-11-25')] };
    expect(types(inCare)).toEqual(['LAC_REVIEW']);
    expect(types({ ...inCare, ceasedLookedAfterOn: '2027-01-10' })).toEqual([]);
    expect(statutoryDueBy(rules.LAC_REVIEW, { ...inCare, ceasedLookedAfterOn: '2027-01-10' }, calendar)).toBeNull();
    const back = { ...inCare, ceasedLookedAfterOn: '2027-01-10', enteredCareOn: '2027-03-01' };
    expect(nextDue(rules, back, calendar).map((d) => [d.type, d.dueBy])).toEqual([['LAC_REVIEW', '2027-03-31']]); // 20 working days, Good Friday and Easter Monday skipped
  });

  it('stops review conferences and core groups when the plan ended, whatever a conference recorded', () => {
    const onPlan: CaseHistory = { cpPlanStartedOn: '2026-09-14', meetings: [] };
    expect(types(onPlan)).toEqual(['CORE_GROUP', 'RCPC']);
    expect(types({ ...onPlan, cpPlanEndedOn: '2026-12-01' })).toEqual([]);
  });

  it('does not end a cycle before the day judged: a meeting held before the plan ended was still due', () => {
    const h: CaseHistory = { cpPlanStartedOn: '2026-09-14', cpPlanEndedOn: '2027-01-20', meetings: [] };
    expect(statutoryDueBy(rules.RCPC, h, calendar, { before: '2026-12-10' })?.dueBy).toBe('2026-12-14');
  });
});
