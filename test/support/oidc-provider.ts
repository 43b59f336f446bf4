import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

export interface ProviderSettings {
  client: { id: string; secret: string; redirectUri: string };
  /** Each user's login and their claims (`roles` among them). */
  users: Record<string, Record<string, unknown>>;
}

/** A real `oidc-provider` on a loopback port (test/support/oidc-provider-server.mjs), resolved once it listens. */
export async function startProvider(settings: ProviderSettings): Promise<TestProvider> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider-server.mjs')], {
    env: { ...process.env, NODE_ENV: 'test', OIDC_TEST_SETTINGS: JSON.stringify({ ...settings, port }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the provider did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the provider exited with ${code}:\n${output}`)));
  });
  return {
    issuer,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * What a browser does with plain HTTP: follows redirects (a 303 becomes a GET) and keeps each site's cookies (by
 * host and port, which is stricter than a browser, and enough here). Answers the last response and its body.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    this.jar.get(origin)!.set(name, value);
  }

  async get(url: string): Promise<{ url: string; status: number; body: string }> {
    return this.go(url, { method: 'GET' });
  }

  /** `stopAt`: follow redirects only until one leads to an address starting so, and answer that address unvisited. */
  async post(url: string, form: Record<string, string>, stopAt?: string) {
    return this.go(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      },
      stopAt,
    );
  }

  private async go(url: string, init: RequestInit, stopAt?: string) {
    let response = await this.send(url, init);
    let current = url;
    for (let hop = 0; response.status >= 300 && response.status < 400 && hop < 20; hop++) {
      current = new URL(response.headers.get('location')!, current).href;
      if (stopAt && current.startsWith(stopAt)) return { url: current, status: response.status, body: '' };
      response = await this.send(current, { method: 'GET' });
    }
    return { url: current, status: response.status, body: await response.text() };
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = [...(this.jar.get(origin) ?? new Map<string, string>()).entries()];
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.jar.get(origin)?.delete(name);
      else this.setCookie(origin, name, value);
    }
    return response;
  }
}
