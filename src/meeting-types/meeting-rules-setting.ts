import { AppConfig, ConfigError } from '../config/app-config';
import { MeetingRulesError, parseMeetingTypeOverrides } from './meeting-types';

/**
 * `MEETING_RULES` read against the rules table, refused as a configuration error: main.ts and `createApp` call it
 * before anything starts, so a bad rule stops start-up with the other configuration errors' message. Not part of
 * `loadConfig` (which checks that it is JSON) because config sits below every feature folder and imports none.
 */
export function checkMeetingRules(config: Pick<AppConfig, 'meetingRules'>): void {
  try {
    parseMeetingTypeOverrides(config.meetingRules);
  } catch (error) {
    if (!(error instanceof MeetingRulesError)) throw error;
    throw new ConfigError(error.problems.map((problem) => `MEETING_RULES: ${problem}`));
  }
}
