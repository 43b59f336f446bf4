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

  it('signs staff in through an identity provider only with the issuer and a whole client, else refuses to start', () => {
    expect(loadConfig({}).oidcSignIn).toBeNull();
    const whole = { OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'quorum', OIDC_CLIENT_SECRET: 'secret' };
    expect(loadConfig(whole).oidcSignIn).toEqual({
      issuer: 'https://idp.example',
      clientId: 'quorum',
      clientSecret: 'secret',
      rolesClaim: 'roles',
    });
    // The client id is the audience of the provider's bearer tokens unless OIDC_AUDIENCE says otherwise.
    expect(loadConfig(whole).oidc?.audience).toBe('quorum');
    expect(loadConfig({ ...whole, OIDC_ROLES_CLAIM: 'realm_access.roles' }).oidcSignIn?.rolesClaim).toBe(
      'realm_access.roles',
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'quorum' })).toThrow(
      /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together/,
    );
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'quorum', OIDC_CLIENT_SECRET: 'secret' })).toThrow(
      /OIDC_ISSUER must be set/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_AUDIENCE/);
    // Bearer tokens alone (no sign-in pages) as before.
    expect(loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_AUDIENCE: 'quorum' }).oidcSignIn).toBeNull();
  });

  it('reads the IMAP mailbox from INBOUND_IMAP_URL, and refuses one without a user and password', () => {
    expect(loadConfig({}).inboundImap).toBeNull();
    expect(loadConfig({}).inboundAuth).toEqual({ enforce: false, servId: null });
    expect(
      loadConfig({ INBOUND_IMAP_URL: 'imaps://organiser:p%40ss@mail.council.example/Replies' }).inboundImap,
    ).toEqual({
      host: 'mail.council.example',
      port: 993,
      secure: true,
      user: 'organiser',
      password: 'p@ss',
      mailbox: 'Replies',
      intervalMs: 60_000,
      maxBytes: 1024 * 1024,
    });
    expect(loadConfig({ INBOUND_IMAP_URL: 'imap://u:p@127.0.0.1:1143' }).inboundImap).toMatchObject({
      port: 1143,
      secure: false,
      mailbox: 'INBOX',
    });
    expect(() => loadConfig({ INBOUND_IMAP_URL: 'imaps://mail.council.example/INBOX' })).toThrow(/INBOUND_IMAP_URL/);
    expect(() => loadConfig({ INBOUND_IMAP_URL: 'https://u:p@mail.council.example' })).toThrow(/INBOUND_IMAP_URL/);
    expect(() => loadConfig({ INBOUND_AUTH: 'strict' })).toThrow(/INBOUND_AUTH/);
    expect(loadConfig({ INBOUND_AUTH: 'enforce', INBOUND_AUTH_SERVID: 'MX.Council.example' }).inboundAuth).toEqual({
      enforce: true,
      servId: 'mx.council.example',
    });
  });
});
