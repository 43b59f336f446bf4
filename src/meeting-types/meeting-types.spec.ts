import {
  CHILD_PARTICIPATION_CODES,
  CHILD_PARTICIPATION_MEANINGS,
  MEETING_TYPES,
  MeetingRulesError,
  MeetingType,
  meetingTypeRules,
  OUTCOMES,
  parseMeetingTypeOverrides,
} from './meeting-types';

const rules = meetingTypeRules();
const column = <K extends keyof (typeof rules)[MeetingType]>(key: K) => Object.fromEntries(MEETING_TYPES.map((type) => [type, rules[type][key]]));

describe('the meeting-type table', () => {
  it('has one row per meeting type, keyed by its own type', () => {
    expect(Object.keys(rules)).toEqual([...MEETING_TYPES]);
    for (const type of MEETING_TYPES) expect(rules[type].type).toBe(type);
    expect(rules.ICPC.label).toBe('Initial child protection conference');
    expect(rules.ICPC.shortLabel).toBe('ICPC');
  });

  it('says who may chair and who approves the record', () => {
    expect(column('chairRoles')).toEqual({
      STRATEGY: ['CHAIR', 'SOCIAL_WORKER'],
      ICPC: ['CHAIR'],
      RCPC: ['CHAIR'],
      CORE_GROUP: ['CHAIR', 'SOCIAL_WORKER'],
      LAC_REVIEW: ['IRO'],
      CIN_REVIEW: ['CHAIR', 'SOCIAL_WORKER'],
      PLO: ['CHAIR', 'SOCIAL_WORKER'],
      MARAC: ['MARAC_COORDINATOR', 'CHAIR'],
    });
    // Whoever may chair a meeting may approve its record; MARAC minutes need the coordinator's approval.
    expect(column('minutesApproverRoles')).toEqual({
      STRATEGY: ['CHAIR', 'SOCIAL_WORKER'],
      ICPC: ['CHAIR'],
      RCPC: ['CHAIR'],
      CORE_GROUP: ['CHAIR', 'SOCIAL_WORKER'],
      LAC_REVIEW: ['IRO'],
      CIN_REVIEW: ['CHAIR', 'SOCIAL_WORKER'],
      PLO: ['CHAIR', 'SOCIAL_WORKER'],
      MARAC: ['MARAC_COORDINATOR'],
    });
  });

  it('keeps MARAC victims and family out, and its minutes and documents to the professionals', () => {
    expect(rules.MARAC.familyMayAttend).toBe(false);
    expect(rules.MARAC.caseKinds).toEqual(['ADULT_VICTIM', 'CHILD']);
    expect(rules.MARAC.minutesAudience).toBe('PROFESSIONALS');
    for (const type of MEETING_TYPES) {
      if (type !== 'MARAC') expect([type, rules[type].caseKinds]).toEqual([type, ['CHILD']]);
      // A meeting the family cannot attend never shares its papers with them by default.
      if (!rules[type].familyMayAttend) expect([type, rules[type].minutesAudience, rules[type].documentAudienceDefault]).toEqual([type, 'PROFESSIONALS', 'PROFESSIONALS']);
    }
  });

  it('sets the pre-read rule: 10:00 on the day for MARAC, at the start for a strategy discussion, 48 hours before for the rest', () => {
    expect(rules.MARAC.preRead).toEqual({ kind: 'LONDON_TIME_ON_DAY', time: '10:00', earlyStart: 'PREVIOUS_WORKING_DAY' });
    expect(rules.STRATEGY.preRead).toEqual({ kind: 'AT_START' });
    for (const type of MEETING_TYPES.filter((t) => t !== 'MARAC' && t !== 'STRATEGY')) expect([type, rules[type].preRead]).toEqual([type, { kind: 'HOURS_BEFORE', hours: 48 }]);
  });

  it('sets the record timescales in working days', () => {
    expect(column('recordTimescale')).toEqual({
      STRATEGY: { decisionsWorkingDays: 1, fullRecordWorkingDays: 5 },
      ICPC: { decisionsWorkingDays: 1, fullRecordWorkingDays: 15 },
      RCPC: { decisionsWorkingDays: 1, fullRecordWorkingDays: 15 },
      CORE_GROUP: { decisionsWorkingDays: 5, fullRecordWorkingDays: 10 },
      LAC_REVIEW: { decisionsWorkingDays: 5, fullRecordWorkingDays: 20 },
      CIN_REVIEW: { decisionsWorkingDays: 5, fullRecordWorkingDays: 20 },
      PLO: { decisionsWorkingDays: 5, fullRecordWorkingDays: 20 },
      MARAC: { decisionsWorkingDays: 3, fullRecordWorkingDays: 3 },
    });
  });

  it('lists the outcomes of each type, with a category only for a CP plan', () => {
    expect(rules.ICPC.outcomes).toEqual(['CP_PLAN', 'NO_CP_PLAN']);
    expect(rules.STRATEGY.outcomes).toEqual(['SECTION_47', 'NO_SECTION_47', 'ICPC_NOT_REQUIRED']);
    expect(rules.PLO.outcomes).toEqual(['ISSUE_PROCEEDINGS', 'CONTINUE_PRE_PROCEEDINGS', 'STEP_DOWN']);
    for (const type of MEETING_TYPES) {
      for (const outcome of rules[type].outcomes) expect(OUTCOMES).toContain(outcome);
      expect([type, rules[type].outcomeNeedsCategory]).toEqual([type, type === 'ICPC' || type === 'RCPC' ? ['CP_PLAN'] : []]);
    }
  });

  it('takes a PN code only for LAC reviews, and a quorum only for conferences', () => {
    expect(MEETING_TYPES.filter((t) => rules[t].childParticipationApplies)).toEqual(['LAC_REVIEW']);
    expect(MEETING_TYPES.filter((t) => rules[t].quorum)).toEqual(['ICPC', 'RCPC']);
    expect(rules.ICPC.quorum).toEqual({ localAuthorityPlusOtherAgencies: 2, childrensSocialCareRoles: ['SOCIAL_WORKER', 'TEAM_MANAGER'] });
    expect(Object.keys(CHILD_PARTICIPATION_MEANINGS)).toEqual([...CHILD_PARTICIPATION_CODES]);
    expect(CHILD_PARTICIPATION_MEANINGS.PN0).toBe('Child aged under 4 at the time of the review');
  });

  it('has statutory timescales only for the ICPC, RCPC, core groups and LAC reviews', () => {
    expect(MEETING_TYPES.filter((t) => rules[t].timescale)).toEqual(['ICPC', 'RCPC', 'CORE_GROUP', 'LAC_REVIEW']);
    expect(rules.LAC_REVIEW.timescale).toMatchObject({
      first: { after: ['ENTERED_CARE'], amount: 20, unit: 'WORKING_DAYS' },
      second: { after: ['PREVIOUS_SAME_TYPE'], amount: 3, unit: 'MONTHS' },
      later: { after: ['PREVIOUS_SAME_TYPE'], amount: 6, unit: 'MONTHS' },
    });
    expect(rules.CORE_GROUP.timescale?.later).toMatchObject({ amount: 4, unit: 'WEEKS' });
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

  it('reads MEETING_RULES JSON, and nothing when it is absent', () => {
    expect(parseMeetingTypeOverrides(JSON.parse('{"RCPC":{"timescale":{"first":{"amount":2}}}}'))).toEqual({ RCPC: { timescale: { first: { amount: 2 } } } });
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
        'MARAC.familyMayAttend cannot be changed (only preRead, defaultDurationMinutes, recordTimescale, timescale)',
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
    expect(() => meetingTypeRules({ ICPC: { preRead: { kind: 'HOURS_BEFORE', hours: -1 } } })).toThrow(MeetingRulesError);
    expect(() => parseMeetingTypeOverrides({ ICPC: { preRead: { kind: 'WORKING_DAYS_BEFORE', days: 0, time: '9' } } })).toThrow(
      expect.objectContaining({ problems: ['ICPC.preRead.days must be a whole number of working days from 1 to 20', 'ICPC.preRead.time must be a time written HH:mm'] }),
    );
  });
});
