// A real OpenID Provider (`oidc-provider`) for the sign-in tests, in a process of its own because the package is an
// ES module only. Its settings come as JSON in OIDC_TEST_SETTINGS: { port, client: { id, secret, redirectUri },
// users: { [login]: claims } }. Its one interaction is a plain form asking who signs in (no password: the users are
// the test's); the login and the consent to the requested scopes are then given together. Prints "listening <url>".
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_SETTINGS);
const issuer = `http://127.0.0.1:${settings.port}`;
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.client.id,
      client_secret: settings.client.secret,
      redirect_uris: [settings.client.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...key, kid: 'test', use: 'sig', alg: 'RS256' }] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'roles'] },
  scopes: ['openid', 'email', 'profile'],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['a test provider cookie key'] },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const claims = settings.users[id];
    return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
  },
});

provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><title>Test provider</title><main><form method="post" action="/interaction/${details.uid}">
      <label for="login">Who are you?</label> <input id="login" name="login"> <button type="submit">Sign in</button></form></main></html>`;
    return;
  }
  let body = '';
  for await (const chunk of ctx.req) body += chunk;
  const login = new URLSearchParams(body).get('login') ?? '';
  if (!settings.users[login]) {
    ctx.status = 401;
    ctx.body = 'No such user';
    return;
  }
  const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  const returnTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: login }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
});

const server = provider.listen(settings.port, '127.0.0.1', () => console.log(`listening ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
