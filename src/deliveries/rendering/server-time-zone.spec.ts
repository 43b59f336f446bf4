import { execFileSync } from 'node:child_process';
import path from 'node:path';

/*
 * INVITES.md T11: the bytes we send must not depend on the server's zone. Jest sandboxes process.env, so setting
 * TZ inside a test changes nothing; the same message is rendered in a real Node process that switches TZ.
 */
const zones = ['UTC', 'Europe/London', 'America/New_York', 'Pacific/Chatham'];

const script = `
  const { renderIcs, describeInvite, meetingTitle } = require(${JSON.stringify(path.join(__dirname, 'calendar-invite.ts'))});
  const { composeInviteEmail } = require(${JSON.stringify(path.join(__dirname, 'invite-email.ts'))});
  const { TemplateRenderer } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'templates', 'template-renderer.ts'))});
  const answers = {};
  for (const zone of ${JSON.stringify(zones)}) {
    process.env.TZ = zone;
    const start = new Date('2026-10-25T10:00:00Z'); // 10:00 on the day the clocks go back
    const end = new Date('2026-10-25T23:30:00Z');   // 23:30 GMT, still 25 October in London
    const join = { videoUrl: 'https://video.example/1', dialInNumber: '0300 123', accessCode: '4829', venue: null };
    const invite = {
      method: 'REQUEST', uid: 'u@quorum.localhost', sequence: 1, stamp: new Date('2026-10-01T08:00:00Z'), start, end,
      summary: meetingTitle({ typeShortLabel: 'ICPC', typeLabel: 'ICPC', caseReferences: ['CR-1'], date: new Date('2026-10-24T23:30:00Z') }),
      description: describeInvite({ typeLabel: 'ICPC', caseReferences: ['CR-1'], start, end, join, preReadDeadline: new Date('2026-10-22T16:00:00Z'), personalUrl: 'http://x/p/t', reportRequired: true, cancelled: false }),
      location: 'https://video.example/1', url: 'http://x/p/t',
      organizer: { name: 'Quorum', email: 'meetings@quorum.localhost' }, attendee: { name: 'A', email: 'a@x.example', isChair: false }, status: 'CONFIRMED',
    };
    const mail = composeInviteEmail(new TemplateRenderer(), { kind: 'UPDATE', invite, recipientName: 'A', typeLabel: 'ICPC', caseReferences: ['CR-1'], join,
      preReadDeadline: new Date('2026-10-22T16:00:00Z'), personalUrl: 'http://x/p/t', reportRequired: true }, 'meetings@quorum.localhost');
    answers[zone] = { offsetInJuly: new Date('2026-07-01T12:00:00Z').getTimezoneOffset(), mail };
  }
  process.stdout.write(JSON.stringify(answers));
`;

describe('whatever the server time zone', () => {
  it('writes the same invitation, byte for byte', () => {
    const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: path.join(__dirname, '..', '..', '..'),
      encoding: 'utf8',
    });
    const answers: Record<
      string,
      { offsetInJuly: number; mail: { subject: string; text: string; html: string; icalEvent: { content: string } } }
    > = JSON.parse(output);
    expect(zones.map((zone) => answers[zone].offsetInJuly)).toEqual([0, -60, 240, -765]); // each zone took effect
    const reference = answers.UTC.mail;
    expect(reference.subject).toBe('Updated: ICPC – CR-1 – Sun 25 Oct 2026');
    expect(reference.icalEvent.content).toContain('DTSTART:20261025T100000Z');
    expect(reference.text).toContain('When: Sunday 25 October 2026, 10:00 to 23:30 (UK time)');
    expect(reference.text).toContain('Reports are due by Thursday 22 October 2026, 17:00 (UK time).');
    for (const zone of zones) expect([zone, answers[zone].mail]).toEqual([zone, reference]);
  });
});
