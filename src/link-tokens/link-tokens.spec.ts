import { LinkTokens } from './link-tokens';

describe('link-token nonces', () => {
  it('are 16 random bytes in base64url, never the same twice, across the pool being drawn again', () => {
    const nonces = Array.from({ length: 1000 }, () => LinkTokens.newNonce()); // 16 kB: the pool is drawn four times
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
    }
  });
});
