import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it('strips personal-link and feed tokens', () => {
    expect(redactUrl('/p/abcDEF123?x=1')).toBe('/p/[redacted]?x=1');
    expect(redactUrl('/feeds/abcDEF123.ics')).toBe('/feeds/[redacted].ics');
    expect(redactUrl('/api/meetings/1')).toBe('/api/meetings/1');
  });
});
