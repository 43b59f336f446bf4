import { ConfigError } from '../config/app-config';
import { checkMeetingRules } from './meeting-rules-setting';

describe('checkMeetingRules', () => {
  it('accepts no overrides and a change of numbers', () => {
    expect(() => checkMeetingRules({ meetingRules: {} })).not.toThrow();
    expect(() =>
      checkMeetingRules({ meetingRules: { PLO: { preRead: { kind: 'HOURS_BEFORE', hours: 72 } } } }),
    ).not.toThrow();
  });

  it('refuses what the table forbids as a configuration error naming MEETING_RULES', () => {
    let error: unknown;
    try {
      checkMeetingRules({ meetingRules: { CORE_GROUP: { outcomes: ['ANY'] } } });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^MEETING_RULES: CORE_GROUP\.outcomes/)]);
  });
});
