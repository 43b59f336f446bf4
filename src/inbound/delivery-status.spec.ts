import { headerBlock, readDeliveryReport } from './delivery-status';

const report = (statusFields: string[], original: string[], originalType = 'message/rfc822', originalEncoding = '') =>
  [
    'From: MAILER-DAEMON@relay.example',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    'preamble',
    '--B',
    'Content-Type: text/plain',
    '',
    'Status: 2.0.0 is not read from the human part',
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.example',
    '',
    ...statusFields,
    '',
    '--B',
    `Content-Type: ${originalType}`,
    ...(originalEncoding ? [`Content-Transfer-Encoding: ${originalEncoding}`] : []),
    '',
    ...original,
    '',
    '--B--',
    '',
  ].join('\r\n');

describe('readDeliveryReport', () => {
  it('reads the recipient’s action, status and diagnostic, and the original Message-ID', () => {
    const raw = report(
      [
        'Final-Recipient: rfc822; x@idva.example',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <x@idva.example>:',
        '    User unknown',
      ],
      [
        'From: meetings@northshire.example',
        'Message-ID: <0b5c2a9e-1111-4222-8333-944445555666@northshire.example>',
        '',
        'body',
      ],
    );
    expect(readDeliveryReport(raw, 'B')).toEqual({
      originalMessageId: '0b5c2a9e-1111-4222-8333-944445555666@northshire.example',
      action: 'failed',
      status: '5.1.1',
      diagnostic: 'smtp; 550 5.1.1 <x@idva.example>: User unknown',
    });
  });

  it('finds the Message-ID in returned headers only, and in a base64 original', () => {
    const headers = report(['Action: delayed', 'Status: 4.4.1'], ['Message-Id: <a@b>'], 'text/rfc822-headers');
    expect(readDeliveryReport(headers, 'B')).toMatchObject({
      originalMessageId: 'a@b',
      action: 'delayed',
      status: '4.4.1',
      diagnostic: null,
    });
    const encoded = report(
      ['Action: failed', 'Status: 5.0.0'],
      [Buffer.from('Message-ID: <c@d>\r\n\r\nbody').toString('base64')],
      'message/rfc822',
      'base64',
    );
    expect(readDeliveryReport(encoded, 'B')?.originalMessageId).toBe('c@d');
  });

  it('is no report without a message/delivery-status part', () => {
    expect(readDeliveryReport(report([], []).replace('message/delivery-status', 'text/plain'), 'B')).toBeNull();
  });

  it('unfolds header lines and keeps the first of a repeated name', () => {
    expect(headerBlock('A: one\r\n  two\r\nA: three\r\n\r\nB: body')).toEqual({ a: 'one two' });
  });
});
