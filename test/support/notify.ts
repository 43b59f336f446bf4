import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A text as the fake Notify took it. */
export interface NotifiedText {
  id: string;
  phoneNumber: string;
  templateId: string;
  body: string;
  reference: string | null;
}

/**
 * GOV.UK Notify's v2 API as its documentation describes it (docs.notifications.service.gov.uk, "API reference"), on
 * loopback: POST /v2/notifications/sms, GET /v2/notifications/:id and GET /v2/notifications?reference=. Like Notify
 * it checks the API key's JWT on every request: HS256 signed with the key's secret (its last 36 characters), `iss`
 * the service id (the 36 before), `iat` within 30 seconds of now (real time: this is the signature's clock, not
 * business time). A bad token is a 403 AuthError, as Notify answers.
 */
export class FakeNotify {
  readonly serviceId = randomUUID();
  readonly secret = randomUUID();
  readonly apiKey = `quorum_test-${this.serviceId}-${this.secret}`;
  readonly texts: NotifiedText[] = [];
  readonly refusedTokens: string[] = [];
  /** What GET answers for each text; `created` until a test says otherwise. */
  readonly statuses = new Map<string, string>();
  /** Take the next N texts, then answer 500 as if the connection had dropped (the sender cannot know it went). */
  acceptThenFail = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeNotify> {
    const handler: { fake?: FakeNotify } = {};
    const server = createServer((req, res) => void handler.fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    handler.fake = new FakeNotify(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return handler.fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const auth = this.authError(req.headers.authorization);
    if (auth) return this.answer(res, 403, { status_code: 403, errors: [{ error: 'AuthError', message: auth }] });
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'POST' && url.pathname === '/v2/notifications/sms') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        phone_number: string;
        template_id: string;
        personalisation?: { body?: string };
        reference?: string;
      };
      if (!body.personalisation?.body)
        return this.answer(res, 400, {
          status_code: 400,
          errors: [{ error: 'BadRequestError', message: 'Missing personalisation: body' }],
        });
      const text: NotifiedText = {
        id: randomUUID(),
        phoneNumber: body.phone_number,
        templateId: body.template_id,
        body: body.personalisation.body,
        reference: body.reference ?? null,
      };
      this.texts.push(text);
      if (this.acceptThenFail > 0) {
        this.acceptThenFail -= 1;
        return this.answer(res, 500, { status_code: 500, errors: [{ error: 'Exception', message: 'Internal' }] });
      }
      return this.answer(res, 201, {
        id: text.id,
        reference: text.reference,
        content: { body: text.body, from_number: 'Quorum' },
        uri: `${this.url}/v2/notifications/${text.id}`,
        template: { id: text.templateId, version: 1, uri: `${this.url}/v2/template/${text.templateId}` },
      });
    }
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      const found = this.texts.filter((t) => reference === null || t.reference === reference);
      return this.answer(res, 200, { notifications: found.map((t) => this.notification(t)), links: {} });
    }
    const one = /^\/v2\/notifications\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const text = this.texts.find((t) => t.id === one[1]);
      if (!text)
        return this.answer(res, 404, {
          status_code: 404,
          errors: [{ error: 'NoResultFound', message: 'No result found' }],
        });
      return this.answer(res, 200, this.notification(text));
    }
    this.answer(res, 404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
  }

  private notification(t: NotifiedText) {
    return {
      id: t.id,
      reference: t.reference,
      type: 'sms',
      status: this.statuses.get(t.id) ?? 'created',
      phone_number: t.phoneNumber,
      body: t.body,
      template: { id: t.templateId, version: 1, uri: '' },
    };
  }

  /** Why the request's token would be refused, or null. */
  private authError(header: string | undefined): string | null {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (!token) return 'Unauthorized: authentication token must be provided';
    const [head, payload, signature] = token.split('.');
    if (!head || !payload || !signature) return 'Invalid token: not a JWT';
    const header64 = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
    if (header64.alg !== 'HS256') return 'Invalid token: algorithm must be HS256';
    const expected = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.refusedTokens.push(token);
      return 'Invalid token: API key not found';
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
    if (claims.iss !== this.serviceId) return 'Invalid token: service not found';
    if (typeof claims.iat !== 'number' || Math.abs(claims.iat - Date.now() / 1000) > 30)
      return 'Error: Your system clock must be accurate to within 30 seconds';
    return null;
  }

  private answer(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
