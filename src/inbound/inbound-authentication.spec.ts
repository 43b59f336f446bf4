import { judge, trustedResults } from './inbound-authentication';

describe('the SPF/DKIM/DMARC rule for inbound mail', () => {
  it('follows DMARC where the domain publishes it, and wants SPF or DKIM to pass where it does not', () => {
    expect(judge({ spf: 'fail', dkim: 'pass', dmarc: 'pass' })).toEqual({ pass: true });
    expect(judge({ spf: 'pass', dkim: 'none', dmarc: 'fail' })).toMatchObject({ pass: false, reason: 'DMARC_FAIL' });
    expect(judge({ spf: 'pass', dkim: 'pass', dmarc: 'temperror' })).toMatchObject({ reason: 'DMARC_TEMPERROR' });
    expect(judge({ spf: 'pass', dkim: 'none', dmarc: 'none' })).toEqual({ pass: true });
    expect(judge({ spf: 'softfail', dkim: 'pass', dmarc: 'none' })).toEqual({ pass: true });
    expect(judge({ spf: 'softfail', dkim: 'fail', dmarc: 'none' })).toMatchObject({ reason: 'SPF_AND_DKIM_FAIL' });
  });

  it('believes only the topmost Authentication-Results, and only from the trusted server', () => {
    const message = (...headers: string[]) =>
      [...headers, 'From: a@b.example', '', 'Authentication-Results: x'].join('\r\n');
    expect(
      trustedResults(
        message(
          'Authentication-Results: mx.council.example (Postfix);\r\n spf=pass (sender ok) smtp.mailfrom=b.example;\r\n dkim=fail; dmarc=none',
        ),
        'mx.council.example',
      ),
    ).toEqual({ spf: 'pass', dkim: 'fail', dmarc: 'none' });
    expect(
      trustedResults(
        message(
          'Authentication-Results: mx.elsewhere.example; dmarc=pass',
          'Authentication-Results: mx.council.example; dmarc=fail',
        ),
        'mx.council.example',
      ),
    ).toBeNull();
    expect(trustedResults(message(), 'mx.council.example')).toBeNull();
  });
});
