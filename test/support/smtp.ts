import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { collectCalendar } from './itip';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

/** A real SMTP server on loopback that keeps every message it accepts. */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer;
  private rejecting = false;
  private readonly refused = new Set<string>();
  port = 0;

  /** On a free port, or on `port` (a relay coming back where the app expects it). */
  static async start(port = 0): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer();
    await smtp.listen(port);
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** While down, every message is refused with a temporary failure (as a relay under maintenance does). */
  setDown(down: boolean): void {
    this.rejecting = down;
  }

  /** Refuses this recipient for good, as a relay does an address that does not exist (550 5.1.1). */
  refuseRecipient(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  private listen(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onMailFrom: (_address, _session, callback) => {
        if (this.rejecting) {
          const error = new Error('Service temporarily unavailable') as Error & { responseCode: number };
          error.responseCode = 421;
          return callback(error);
        }
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address.toLowerCase())) return callback();
        const error = new Error('5.1.1 No such user here') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              this.messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
              if (/^Content-Type: text\/calendar/im.test(raw)) collectCalendar(raw, 'eml');
              callback();
            })
            .catch(callback);
        });
      },
    });
    return new Promise((resolve) => {
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }

  clear(): void {
    this.messages.length = 0;
  }

  async waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for mail; have ${this.messages.length}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
