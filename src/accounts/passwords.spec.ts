import { hashPassword, passwordMatches, passwordProblem } from './passwords';

describe('passwords', () => {
  it('stores an argon2id hash that matches only its own password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await passwordMatches(stored, 'correct horse battery')).toBe(true);
    expect(await passwordMatches(stored, 'correct horse batterz')).toBe(false);
    expect(await passwordMatches(null, 'correct horse battery')).toBe(false);
  });

  it('asks for a long password typed twice the same', () => {
    expect(passwordProblem('short', 'short')).toMatch(/at least 12/);
    expect(passwordProblem('long enough passphrase', 'long enough passphrasf')).toMatch(/do not match/);
    expect(passwordProblem('long enough passphrase', 'long enough passphrase')).toBeNull();
  });
});
