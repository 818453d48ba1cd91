import { createServer } from 'node:net';
import { type TSignIn, type TWebApp, webPart } from '@ppda/web';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { expect } from 'vitest';
import type { THarness } from './harness.ts';

export interface TWebHarness extends TWebApp {
  url: string;
}

/** A port free on loopback now, for an address needed before the server listens. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The web application over a harness's engine, listening on loopback: the demo sign-in, or
 * `signIn(url)` for one that needs the application's own address (OIDC's redirect URI).
 */
export async function startWeb(
  harness: THarness,
  options: { signIn?: (url: string) => TSignIn | Promise<TSignIn> } = {},
): Promise<TWebHarness> {
  const port = options.signIn ? await freePort() : 0;
  // The same part the embedded host starts, on the harness's runtime.
  const signIn = (await options.signIn?.(`http://127.0.0.1:${port}`)) ?? { kind: 'demo' };
  const web = await webPart({ signIn }).start({
    runtime: harness.runtime,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const url = await web.app.listen({ host: '127.0.0.1', port });
  return { ...web, url };
}

/** The session cookie a response set, as a `cookie` header value. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((cookie) => cookie.startsWith('ppda.sid='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0] ?? '';
}

export const csrfTokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** GET `url` from the web application (fastify inject) with a session cookie. */
export const getPage = (app: FastifyInstance, url: string, cookie: string) =>
  app.inject({ method: 'GET', url, headers: { cookie } });

/**
 * Sign in through the demo page as `personId` (fastify inject), expecting the 303 onwards:
 * the sign-in page it was served and the session cookie.
 */
export async function demoSignIn(app: FastifyInstance, personId: string) {
  const signInPage = await app.inject({ method: 'GET', url: '/sign-in' });
  const signedIn = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: sessionCookie(signInPage.headers['set-cookie']) },
    payload: { _csrf: csrfTokenIn(signInPage.body), personId, returnTo: '/tasks' },
  });
  expect(signedIn.statusCode).toBe(303);
  return { signInPage, cookie: sessionCookie(signedIn.headers['set-cookie']) };
}

/**
 * Sign in through the demo page as `personId` (fastify inject): the session cookie and a form
 * token from the inbox it lands on.
 */
export async function signInAs(app: FastifyInstance, personId: string) {
  const { signInPage, cookie } = await demoSignIn(app, personId);
  expect(signInPage.statusCode).toBe(200);
  const tasks = await app.inject({ method: 'GET', url: '/tasks', headers: { cookie } });
  expect(tasks.statusCode).toBe(200);
  return { cookie, csrf: csrfTokenIn(tasks.body) };
}
