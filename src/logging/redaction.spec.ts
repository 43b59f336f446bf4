import { requestForLog } from './logging.module';

describe('requestForLog', () => {
  it('logs the matched route template, never the path with its ids or tokens', () => {
    expect(requestForLog({ url: '/p/abcDEF123', route: { path: '/p/:token' } })).toEqual({
      route: '/p/:token',
      queryKeys: [],
    });
    expect(requestForLog({ method: 'GET', url: '/feeds/abcDEF123.ics', route: { path: '/feeds/:file' } }).route).toBe(
      '/feeds/:file',
    );
  });

  it('logs the names of query parameters, never their values', () => {
    const logged = requestForLog({
      method: 'GET',
      url: '/api/people?name=Amelia%20Testparent&email=a%40b.example&name=x',
      route: { path: '/api/people' },
    });
    expect(logged.queryKeys).toEqual(['email', 'name']);
    expect(JSON.stringify(logged)).not.toMatch(/Amelia|a%40b|a@b/);
  });

  it('logs no path at all for a request that matched no route', () => {
    expect(requestForLog({ method: 'GET', url: '/p/secret-token/unknown?x=1' })).toEqual({
      route: null,
      queryKeys: ['x'],
    });
  });
});
