import { createHash, createHmac, randomBytes } from 'node:crypto';

const NONCE_BYTES = 16;
const NONCE_POOL_BYTES = 4096;
let noncePool = Buffer.alloc(0);
let noncePoolAt = 0;

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

  /**
   * 16 random bytes. They are cut from a pool drawn 4 KiB at a time, as `crypto.randomUUID` draws its own: a booking
   * takes one per participant, and a call into the random source each time cost 2% of a booking (issue 24). Each
   * byte of the pool is handed out once.
   */
  static newNonce(): string {
    if (noncePoolAt + NONCE_BYTES > noncePool.length) {
      noncePool = randomBytes(NONCE_POOL_BYTES);
      noncePoolAt = 0;
    }
    const nonce = noncePool.toString('base64url', noncePoolAt, noncePoolAt + NONCE_BYTES);
    noncePool.fill(0, noncePoolAt, noncePoolAt + NONCE_BYTES);
    noncePoolAt += NONCE_BYTES;
    return nonce;
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
