import { englandAndWalesCalendar } from '../time/working-days';
import { meetingTypeRules } from './meeting-types';
import { isWithinTimescale, nextDue, preReadDeadline, statutoryDueBy } from './timescales';

const calendar = englandAndWalesCalendar();
const rules = meetingTypeRules();

describe('statutory timescales', () => {
  it('ICPC: 15 working days after the strategy discussion, across Christmas', () => {
    const due = statutoryDueBy(rules.ICPC, { meetings: [{ type: 'STRATEGY', heldOn: '2026-12-14' }] }, calendar);
    expect(due).toEqual({ dueBy: '2027-01-07', basis: '15 working days after the strategy discussion on 2026-12-14' });
  });
  it('ICPC: counts from the strategy discussion the booking names, not a later one', () => {
    const history = { meetings: [{ type: 'STRATEGY' as const, heldOn: '2026-11-02' }, { type: 'STRATEGY' as const, heldOn: '2026-11-20' }] };
    expect(statutoryDueBy(rules.ICPC, history, calendar, { trigger: { type: 'STRATEGY', heldOn: '2026-11-02' } })?.dueBy).toBe('2026-11-23');
  });
  it('RCPC: first within 3 months of the ICPC, later within 6 months, moved back off a weekend', () => {
    expect(statutoryDueBy(rules.RCPC, { meetings: [{ type: 'ICPC', heldOn: '2026-11-30' }] }, calendar)?.dueBy).toBe('2027-02-26'); // 28 Feb is a Sunday
    const later = statutoryDueBy(rules.RCPC, { meetings: [{ type: 'ICPC', heldOn: '2026-01-05' }, { type: 'RCPC', heldOn: '2026-04-01' }] }, calendar);
    expect(later?.dueBy).toBe('2026-10-01');
  });
  it('RCPC: from the plan start date when Quorum holds no ICPC', () => {
    expect(statutoryDueBy(rules.RCPC, { cpPlanStartedOn: '2026-09-14', meetings: [] }, calendar)?.dueBy).toBe('2026-12-14');
  });
  it('core group: first within 10 working days of the ICPC, then every 4 weeks', () => {
    expect(statutoryDueBy(rules.CORE_GROUP, { meetings: [{ type: 'ICPC', heldOn: '2026-12-17' }] }, calendar)?.dueBy).toBe('2027-01-05');
    expect(statutoryDueBy(rules.CORE_GROUP, { meetings: [{ type: 'ICPC', heldOn: '2026-12-17' }, { type: 'CORE_GROUP', heldOn: '2027-01-05' }] }, calendar)?.dueBy).toBe('2027-02-02');
  });
  it('LAC reviews: 20 working days, then 3 months, then 6 months (clamped to the month end)', () => {
    expect(statutoryDueBy(rules.LAC_REVIEW, { enteredCareOn: '2027-03-01', meetings: [] }, calendar)?.dueBy).toBe('2027-03-31');
    expect(statutoryDueBy(rules.LAC_REVIEW, { enteredCareOn: '2026-07-01', meetings: [{ type: 'LAC_REVIEW', heldOn: '2026-07-29' }] }, calendar)?.dueBy).toBe('2026-10-29');
    const third = { enteredCareOn: '2026-07-01', meetings: [{ type: 'LAC_REVIEW' as const, heldOn: '2026-07-29' }, { type: 'LAC_REVIEW' as const, heldOn: '2026-08-31' }] };
    expect(statutoryDueBy(rules.LAC_REVIEW, third, calendar)?.dueBy).toBe('2027-02-26'); // 28 Feb 2027 is a Sunday
  });
  it('has no statutory date without a basis or a rule', () => {
    expect(statutoryDueBy(rules.ICPC, { meetings: [] }, calendar)).toBeNull();
    expect(statutoryDueBy(rules.MARAC, { meetings: [] }, calendar)).toBeNull();
  });
  it('judges a meeting held on the due date as within, the day after as not', () => {
    expect(isWithinTimescale('2027-01-07', '2027-01-07')).toBe(true);
    expect(isWithinTimescale('2027-01-07', '2027-01-08')).toBe(false);
    expect(isWithinTimescale(null, '2027-01-08')).toBeNull();
  });
  it('lists what is due next for a case', () => {
    const due = nextDue(rules, { meetings: [{ type: 'STRATEGY', heldOn: '2026-12-01' }, { type: 'ICPC', heldOn: '2026-12-15' }] }, calendar);
    expect(due.map((d) => [d.type, d.dueBy])).toEqual([['CORE_GROUP', '2026-12-31'], ['RCPC', '2027-03-15']]);
  });
});

describe('pre-read deadlines', () => {
  it('is 48 real hours before the first session, across the clock change', () => {
    expect(preReadDeadline(rules.ICPC, new Date('2026-03-30T09:00:00Z')).toISOString()).toBe('2026-03-28T09:00:00.000Z');
  });
  it('is 10:00 London time on the day for MARAC, in summer and in winter', () => {
    expect(preReadDeadline(rules.MARAC, new Date('2026-07-09T12:00:00Z')).toISOString()).toBe('2026-07-09T09:00:00.000Z');
    expect(preReadDeadline(rules.MARAC, new Date('2026-12-10T12:00:00Z')).toISOString()).toBe('2026-12-10T10:00:00.000Z');
  });
  it('follows a deployment override', () => {
    const local = meetingTypeRules({ PLO: { preRead: { kind: 'HOURS_BEFORE', hours: 72 } } });
    expect(preReadDeadline(local.PLO, new Date('2026-12-10T10:00:00Z')).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(local.ICPC.preRead).toEqual({ kind: 'HOURS_BEFORE', hours: 48 });
  });
});
