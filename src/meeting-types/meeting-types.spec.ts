import { formatLondon } from '../time/london';
import { englandAndWalesCalendar } from '../time/working-days';
import {
  CHILD_PARTICIPATION_CODES,
  CHILD_PARTICIPATION_MEANINGS,
  MEETING_TYPES,
  MeetingRulesError,
  meetingTypeRules,
  OUTCOMES,
  parseMeetingTypeOverrides,
  TIMESCALE_STEPS,
} from './meeting-types';
import { preReadDeadline } from './timescale-rules';

/**
 * What the rules do, and what must hold of any table a deployment ends up with. The table's cells are not restated
 * here: a test that copies a cell only proves the cell was copied. Dates are worked in timescales.spec.ts and, end
 * to end, in test/record-and-rules.e2e-suite.ts (every outcome of every type) and test/booking.e2e-suite.ts.
 */
const rules = meetingTypeRules();
const calendar = englandAndWalesCalendar();
const deadline = (type: (typeof MEETING_TYPES)[number], startsAt: string, bookedAt?: string) =>
  formatLondon(preReadDeadline(rules[type], new Date(startsAt), calendar, bookedAt ? new Date(bookedAt) : undefined));

describe('what the pre-read rules do (London time)', () => {
  it('a conference: 48 real hours before the first part, across the clock change', () => {
    expect(deadline('ICPC', '2027-03-29T09:00:00Z')).toBe('Saturday 27 March 2027, 09:00 (UK time)'); // from 10:00 BST Monday: 47 wall-clock hours
    expect(deadline('RCPC', '2026-12-03T10:00:00Z')).toBe('Tuesday 1 December 2026, 10:00 (UK time)');
  });

  it('a MARAC: research by 10:00 on the day, or 10:00 the working day before when it starts by then', () => {
    expect(deadline('MARAC', '2026-12-09T13:00:00Z')).toBe('Wednesday 9 December 2026, 10:00 (UK time)');
    expect(deadline('MARAC', '2027-01-04T09:30:00Z')).toBe('Thursday 31 December 2026, 10:00 (UK time)'); // Monday; New Year's Day, the Friday, is a bank holiday
  });

  it('a strategy discussion: at its start, however soon it is held', () => {
    expect(deadline('STRATEGY', '2026-12-03T10:00:00Z')).toBe('Thursday 3 December 2026, 10:00 (UK time)');
  });

  it('booked inside its window, a meeting’s reports are due at its start, never in the past', () => {
    expect(deadline('ICPC', '2026-12-03T10:00:00Z', '2026-12-02T15:00:00Z')).toBe(
      'Thursday 3 December 2026, 10:00 (UK time)',
    );
    expect(deadline('ICPC', '2026-12-03T10:00:00Z', '2026-11-30T15:00:00Z')).toBe(
      'Tuesday 1 December 2026, 10:00 (UK time)',
    );
  });
});

describe('the meeting-type table holds together', () => {
  it('has one row per meeting type, keyed by its own type, with distinct labels', () => {
    expect(Object.keys(rules)).toEqual([...MEETING_TYPES]);
    for (const type of MEETING_TYPES) expect(rules[type].type).toBe(type);
    expect(new Set(MEETING_TYPES.map((t) => rules[t].label)).size).toBe(MEETING_TYPES.length);
    expect(new Set(MEETING_TYPES.map((t) => rules[t].shortLabel)).size).toBe(MEETING_TYPES.length);
  });

  it('every type can be chaired and its record approved by somebody, and a LAC review only by an IRO (IRO Handbook)', () => {
    for (const type of MEETING_TYPES)
      expect([type, rules[type].chairRoles.length > 0, rules[type].minutesApproverRoles.length > 0]).toEqual([
        type,
        true,
        true,
      ]);
    expect(MEETING_TYPES.filter((t) => rules[t].chairRoles.includes('IRO'))).toEqual(['LAC_REVIEW']);
    expect(rules.LAC_REVIEW.chairRoles).toEqual(['IRO']);
  });

  it('a meeting the family cannot attend shares neither its record nor its papers with them by default', () => {
    const closed = MEETING_TYPES.filter((t) => !rules[t].familyMayAttend);
    expect(closed).toContain('MARAC');
    for (const type of closed)
      expect([type, rules[type].minutesAudience, rules[type].documentAudienceDefault]).toEqual([
        type,
        'PROFESSIONALS',
        'PROFESSIONALS',
      ]);
    expect(rules.MARAC.caseKinds).toContain('ADULT_VICTIM');
  });

  it('outcomes come from the one list, and a category is asked only of an outcome of that type (a CP plan)', () => {
    for (const type of MEETING_TYPES) {
      expect(rules[type].outcomes.length).toBeGreaterThan(0);
      for (const outcome of rules[type].outcomes) expect(OUTCOMES).toContain(outcome);
      for (const outcome of rules[type].outcomeNeedsCategory)
        expect([type, rules[type].outcomes]).toEqual([type, expect.arrayContaining([outcome])]);
    }
    expect(MEETING_TYPES.filter((t) => rules[t].outcomeNeedsCategory.length > 0)).toEqual(['ICPC', 'RCPC']);
  });

  it('the decisions are never due after the full record, and a PN code and a quorum apply where the type says', () => {
    for (const type of MEETING_TYPES) {
      const { decisionsWorkingDays, fullRecordWorkingDays } = rules[type].recordTimescale;
      expect([type, decisionsWorkingDays <= fullRecordWorkingDays]).toEqual([type, true]);
    }
    expect(MEETING_TYPES.filter((t) => rules[t].childParticipationApplies)).toEqual(['LAC_REVIEW']);
    for (const type of MEETING_TYPES.filter((t) => rules[t].quorum))
      expect(rules[type].quorum!.childrensSocialCareRoles).not.toContain('CHAIR');
    expect(Object.keys(CHILD_PARTICIPATION_MEANINGS)).toEqual([...CHILD_PARTICIPATION_CODES]);
  });

  it('every statutory timescale starts with a first step and counts in a known unit', () => {
    for (const type of MEETING_TYPES) {
      const timescale = rules[type].timescale;
      if (!timescale) continue;
      expect([type, Boolean(timescale.first)]).toEqual([type, true]);
      for (const step of TIMESCALE_STEPS) {
        const s = timescale[step];
        if (s) expect([type, step, s.amount > 0, s.after.length > 0]).toEqual([type, step, true, true]);
      }
    }
  });
});

describe('deployment overrides (MEETING_RULES)', () => {
  it('changes only the numbers given, for the type given', () => {
    const local = meetingTypeRules({
      PLO: { preRead: { kind: 'HOURS_BEFORE', hours: 72 }, defaultDurationMinutes: 120 },
      CORE_GROUP: { timescale: { later: { amount: 6 } } },
      LAC_REVIEW: { recordTimescale: { decisionsWorkingDays: 3 } },
      MARAC: { preRead: { kind: 'LONDON_TIME_ON_DAY', time: '09:00' } },
      RCPC: { preRead: { kind: 'WORKING_DAYS_BEFORE', days: 5, time: '17:00' } },
    });
    expect(local.RCPC.preRead).toEqual({ kind: 'WORKING_DAYS_BEFORE', days: 5, time: '17:00' });
    expect(local.PLO.preRead).toEqual({ kind: 'HOURS_BEFORE', hours: 72 });
    expect(local.PLO.defaultDurationMinutes).toBe(120);
    expect(local.CORE_GROUP.timescale?.later).toMatchObject({ amount: 6, unit: 'WEEKS' });
    expect(local.CORE_GROUP.timescale?.first).toMatchObject({ amount: 10, unit: 'WORKING_DAYS' });
    expect(local.LAC_REVIEW.recordTimescale).toEqual({ decisionsWorkingDays: 3, fullRecordWorkingDays: 20 });
    expect(local.MARAC.preRead).toEqual({ kind: 'LONDON_TIME_ON_DAY', time: '09:00' });
    expect(local.ICPC.preRead).toEqual({ kind: 'HOURS_BEFORE', hours: 48 });
  });

  it('never changes the defaults', () => {
    const local = meetingTypeRules({ CORE_GROUP: { timescale: { later: { amount: 6 } } } });
    local.LAC_REVIEW.chairRoles.push('VIEWER');
    expect(meetingTypeRules().CORE_GROUP.timescale?.later?.amount).toBe(4);
    expect(meetingTypeRules().LAC_REVIEW.chairRoles).toEqual(['IRO']);
  });

  it("takes the partnership's own quorum for a type that has one, and refuses one elsewhere (issue 22)", () => {
    const local = meetingTypeRules({ ICPC: { quorum: { localAuthorityPlusOtherAgencies: 3 } } });
    expect(local.ICPC.quorum).toEqual({
      localAuthorityPlusOtherAgencies: 3,
      childrensSocialCareRoles: ['SOCIAL_WORKER', 'TEAM_MANAGER'],
    });
    expect(local.RCPC.quorum?.localAuthorityPlusOtherAgencies).toBe(2);
    expect(() =>
      parseMeetingTypeOverrides({
        MARAC: { quorum: { localAuthorityPlusOtherAgencies: 2 } },
        RCPC: { quorum: { localAuthorityPlusOtherAgencies: 11, chair: 1 } },
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'MARAC.quorum: this meeting type has no quorum rule to adjust',
          'RCPC.quorum.localAuthorityPlusOtherAgencies must be a whole number of agencies from 0 to 10',
          'RCPC.quorum.chair cannot be changed (only localAuthorityPlusOtherAgencies)',
        ],
      }),
    );
  });

  it('reads MEETING_RULES JSON, and nothing when it is absent', () => {
    expect(parseMeetingTypeOverrides(JSON.parse('{"RCPC":{"timescale":{"first":{"amount":2}}}}'))).toEqual({
      RCPC: { timescale: { first: { amount: 2 } } },
    });
    expect(parseMeetingTypeOverrides(undefined)).toEqual({});
  });

  it('refuses a setting it cannot apply, naming every problem', () => {
    const attempt = () =>
      parseMeetingTypeOverrides({
        WEBINAR: {},
        MARAC: { familyMayAttend: true, timescale: { first: { amount: 10 } } },
        RCPC: { timescale: { second: { amount: 4 } } },
        CORE_GROUP: { timescale: { later: { amount: 0, unit: 'DAYS' } }, defaultDurationMinutes: 30.5 },
        PLO: { preRead: { kind: 'LONDON_TIME_ON_DAY', time: '10am' }, recordTimescale: { fullRecordWorkingDays: -1 } },
      });
    expect(attempt).toThrow(MeetingRulesError);
    try {
      attempt();
    } catch (error) {
      expect((error as MeetingRulesError).problems).toEqual([
        'WEBINAR is not a meeting type (STRATEGY, ICPC, RCPC, CORE_GROUP, LAC_REVIEW, CIN_REVIEW, PLO, MARAC)',
        'MARAC.familyMayAttend cannot be changed (only preRead, defaultDurationMinutes, recordTimescale, timescale, quorum)',
        'MARAC.timescale: this meeting type has no statutory timescale to adjust',
        'RCPC.timescale.second: this meeting type has no such step (it has first, later)',
        'CORE_GROUP.timescale.later.amount must be a whole number from 1 to 1000',
        'CORE_GROUP.timescale.later.unit must be one of WORKING_DAYS, WEEKS, MONTHS',
        'CORE_GROUP.defaultDurationMinutes must be a whole number of minutes from 1 to 1440',
        'PLO.preRead.time must be a time written HH:mm',
        'PLO.recordTimescale.fullRecordWorkingDays must be a whole number of working days from 0 to 260',
      ]);
    }
    expect(() => parseMeetingTypeOverrides([])).toThrow('must be an object keyed by meeting type');
    expect(() => meetingTypeRules({ ICPC: { preRead: { kind: 'HOURS_BEFORE', hours: -1 } } })).toThrow(
      MeetingRulesError,
    );
    expect(() =>
      parseMeetingTypeOverrides({ ICPC: { preRead: { kind: 'WORKING_DAYS_BEFORE', days: 0, time: '9' } } }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'ICPC.preRead.days must be a whole number of working days from 1 to 20',
          'ICPC.preRead.time must be a time written HH:mm',
        ],
      }),
    );
  });
});
