import { type TWebApp, webPart } from '@ppda/web';
import pino from 'pino';
import type { THarness } from './harness.ts';

export interface TWebHarness extends TWebApp {
  url: string;
}

/** The web application over a harness's engine (demo sign-in), listening on loopback. */
export async function startWeb(harness: THarness): Promise<TWebHarness> {
  // The same part the embedded host starts, on the harness's runtime.
  const web = await webPart({ signIn: { kind: 'demo' } }).start({
    runtime: harness.runtime,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const url = await web.app.listen({ host: '127.0.0.1', port: 0 });
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
