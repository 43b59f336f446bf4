import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal-link and feed tokens. A token is an HMAC of (purpose, id, random nonce) under the server's secret:
 * the database stores the nonce and the token's SHA-256 only, so a copy of the database yields no working link,
 * while the delivery worker can still re-create the link for an email.
 */
export class LinkTokens {
  private readonly key: Buffer;

  constructor(secret: Uint8Array) {
    this.key = createHmac('sha256', Buffer.from(secret)).update('quorum personal links v1').digest();
  }

  static newNonce(): string {
    return randomBytes(16).toString('base64url');
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  token(purpose: 'participant' | 'feed', id: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${id}:${nonce}`).digest('base64url');
  }

  /** A fresh nonce, the token it gives and the hash to store. */
  issue(purpose: 'participant' | 'feed', id: string): { nonce: string; token: string; hash: string } {
    const nonce = LinkTokens.newNonce();
    const token = this.token(purpose, id, nonce);
    return { nonce, token, hash: LinkTokens.hash(token) };
  }
}
