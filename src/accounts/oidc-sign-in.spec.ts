import { claimAt, decodePending, encodePending } from './oidc-sign-in';

describe('OIDC sign-in, the pure parts', () => {
  it('keeps a pending sign-in in a cookie value and reads back only a whole one', () => {
    const pending = { state: 's', nonce: 'n', verifier: 'v', next: '/meetings' };
    expect(decodePending(encodePending(pending))).toEqual(pending);
    expect(decodePending(undefined)).toBeNull();
    expect(decodePending('not base64 json')).toBeNull();
    expect(decodePending(Buffer.from(JSON.stringify({ ...pending, state: '' })).toString('base64url'))).toBeNull();
    expect(decodePending(Buffer.from(JSON.stringify({ ...pending, nonce: 1 })).toString('base64url'))).toBeNull();
  });

  it('finds the roles by a claim name or a dotted path', () => {
    expect(claimAt({ roles: ['CHAIR'] }, 'roles')).toEqual(['CHAIR']);
    expect(claimAt({ realm_access: { roles: ['IRO'] } }, 'realm_access.roles')).toEqual(['IRO']);
    expect(claimAt({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
  });
});
