import request from 'supertest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { StaffRole } from '../../src/auth/staff-user';
import { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';

/** A local account with its password set, as `npm run user -- add` and its link would leave it. */
export async function anAccount(
  t: TestApp,
  input: { email: string; name?: string; roles?: StaffRole[] },
): Promise<{ email: string; password: string }> {
  const accounts = t.get<AccountsService>(AccountsService);
  const token = await accounts.add({
    email: input.email,
    name: input.name ?? input.email.split('@')[0],
    roles: input.roles ?? ['COORDINATOR'],
  });
  const errors = await accounts.redeem(token, { password: PASSWORD, confirmation: PASSWORD });
  if (errors) throw new Error(`could not set the password: ${JSON.stringify(errors)}`);
  return { email: input.email, password: PASSWORD };
}

/** The hidden `_csrf` value of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Signs in through the form, as a browser does: an agent that keeps its cookies. */
export async function signedIn(t: TestApp, account: { email: string; password: string }) {
  const agent = request.agent(t.app.getHttpServer());
  const page = await agent.get('/sign-in').expect(200);
  await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email: account.email, password: account.password, next: '/' })
    .expect(303);
  return agent;
}
