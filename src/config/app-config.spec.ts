import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the defaults of API.md when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.mailFrom).toBe('meetings@quorum.localhost');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.schedulerIntervalMs).toBe(60000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('/var')).toBe(true);
  });

  it('derives PUBLIC_URL from PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('starts no inbound SMTP listener unless INBOUND_SMTP_PORT is set, and then only for the organiser mailbox', () => {
    expect(loadConfig({}).inbound).toBeNull();
    expect(loadConfig({ INBOUND_SMTP_PORT: '2525', MAIL_FROM: 'Meetings@Council.example' }).inbound).toEqual({
      smtpPort: 2525,
      smtpHost: '127.0.0.1',
      recipients: ['meetings@council.example'],
      maxBytes: 1024 * 1024,
    });
    expect(() => loadConfig({ INBOUND_SMTP_PORT: 'smtp' })).toThrow(/INBOUND_SMTP_PORT/);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', SMTP_URL: 'mail.example', SCHEDULER_INTERVAL_MS: '5', MEETING_RULES: '{' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('SMTP_URL');
      expect(message).toContain('SCHEDULER_INTERVAL_MS');
      expect(message).toContain('MEETING_RULES');
    }
  });
});
