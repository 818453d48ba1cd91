import { loadConfig } from '@ppda/config';
import { signInFromConfig } from '@ppda/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import {
  CookieJar,
  formAction,
  PERSON_CLAIM,
  startOidcProvider,
  type TOidcProvider,
} from './support/oidc.ts';
import { csrfTokenIn, freePort, startWeb, type TWebHarness } from './support/web.ts';

/**
 * Sign-in through a real OpenID Provider (panva's `oidc-provider`, in-process on loopback):
 * the web application configured from the same variables as production (OIDC_ISSUER,
 * OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_PERSON_CLAIM), driven over HTTP as a browser would:
 * sign-in → authorize → login → consent → callback → a session → the inbox. Then the attacks.
 */
describe('web sign-in with OpenID Connect', () => {
  let h: THarness;
  let web: TWebHarness;
  let provider: TOidcProvider;
  let reference: string;

  beforeAll(async () => {
    h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
    web = await startWeb(h, {
      signIn: async (url) => {
        provider = await startOidcProvider(new URL('/auth/callback', url).href);
        return oidcSignIn(provider.issuer, url);
      },
    });
    ({ reference } = await h.report({ referralCriteriaMet: ['serious-assault'] }));
  });
  afterAll(async () => {
    await web?.app.close();
    await provider?.close();
    await h?.close();
  });

  /** The web app's sign-in from the production variables, against `issuer`, as the provider's client. */
  function oidcSignIn(issuer: string, url: string) {
    const signIn = signInFromConfig(
      loadConfig({
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_PERSON_CLAIM: PERSON_CLAIM,
      }),
      url,
    );
    if (signIn.kind !== 'oidc') throw new Error(`expected OIDC, got ${signIn.kind}`);
    // The provider is plain http on loopback: allowed for this test only.
    return { ...signIn, allowInsecureRequests: true };
  }

  const isCallback = (url: URL) => url.href.startsWith(`${web.url}/auth/callback`);

  /**
   * Start at the web application's sign-in, log in at the provider as `login` and consent,
   * stopping at the redirect back to the callback (not yet followed).
   */
  async function toCallback(jar: CookieJar, login: string): Promise<URL> {
    const start = await jar.follow(`${web.url}/sign-in?returnTo=%2Ftasks`);
    expect(start.url.href.startsWith(provider.issuer)).toBe(true);
    expect(start.response.status).toBe(200);
    const loginPage = await start.response.text();
    expect(loginPage).toContain('name="login"');
    const afterLogin = await jar.submit(
      formAction(loginPage, start.url),
      { prompt: 'login', login, password: 'any' },
      isCallback,
    );
    if (isCallback(afterLogin.url)) return afterLogin.url;
    // The consent page, the first time this account meets the client.
    const consentPage = await afterLogin.response.text();
    expect(consentPage).toContain('name="prompt" value="consent"');
    const afterConsent = await jar.submit(
      formAction(consentPage, afterLogin.url),
      { prompt: 'consent' },
      isCallback,
    );
    expect(isCallback(afterConsent.url)).toBe(true);
    return afterConsent.url;
  }

  /** The inbox with this jar's session: 200 with the page, or where it was sent instead. */
  async function inbox(jar: CookieJar) {
    const response = await jar.fetch(`${web.url}/tasks`);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  it('signs an investigator in through the provider: the session opens their inbox', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar, 'inv-1');
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    const before = jar.get('ppda.sid');
    const landed = await jar.follow(callback);
    expect(landed.url.href).toBe(`${web.url}/tasks`);
    expect(landed.response.status).toBe(200);
    const page = await landed.response.text();
    expect(page).toContain(reference);
    expect(page).toContain('DS Test Owner');
    // A new session id at sign-in: the one that carried the sign-in in flight is gone.
    expect(jar.get('ppda.sid')).not.toBe(before);
  });

  it('refuses a callback whose state is not the one sent, and gives no session', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar, 'inv-1');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const refused = await jar.fetch(forged);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Sign-in did not complete');
    expect((await inbox(jar)).status).toBe(303);
    // The sign-in in flight was spent on the forged answer: the real one finds nothing pending.
    const late = await jar.fetch(callback);
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe('/sign-in');
    expect((await inbox(jar)).location).toBe('/sign-in?returnTo=%2Ftasks');
  });

  it('refuses a replayed code, in the same browser and in another sign-in', async () => {
    const victim = new CookieJar();
    const callback = await toCallback(victim, 'inv-1');
    const beforeCallback = victim.get('ppda.sid');
    expect((await victim.follow(callback)).response.status).toBe(200);

    // The same callback again with the cookie it first came with: that session is gone.
    const replayer = new CookieJar();
    replayer.put('ppda.sid', beforeCallback ?? '');
    const replay = await replayer.fetch(callback);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/sign-in');
    expect((await inbox(replayer)).status).toBe(303);

    // An attacker starts a sign-in of their own and offers the stolen code with their state:
    // the provider refuses it (used, and not their PKCE verifier), so no session.
    const attacker = new CookieJar();
    const started = await attacker.fetch(`${web.url}/sign-in?returnTo=%2Ftasks`);
    expect(started.status).toBe(303);
    const authorize = new URL(started.headers.get('location') ?? '');
    const stolen = new URL(callback);
    stolen.searchParams.set('state', authorize.searchParams.get('state') ?? '');
    const refused = await attacker.fetch(stolen);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Sign-in did not complete');
    expect((await inbox(attacker)).status).toBe(303);
  });

  it.each([
    ['a person the directory does not have', 'nobody-9'],
    ['a leaver', 'ext-inv-1'],
  ])('gives %s no session, though the provider vouches for them', async (_, login) => {
    await h.engine.deps.prisma.person.updateMany({
      where: { id: 'ext-inv-1' },
      data: { leftAt: new Date('2025-03-01T00:00:00Z') },
    });
    const jar = new CookieJar();
    const landed = await jar.follow(await toCallback(jar, login));
    expect(landed.response.status).toBe(403);
    expect(await landed.response.text()).toContain('You are not in the directory');
    expect((await inbox(jar)).status).toBe(303);
  });

  it('ends the session at sign-out: the old session cookie no longer opens the inbox', async () => {
    const jar = new CookieJar();
    await jar.follow(await toCallback(jar, 'inv-1'));
    const open = await inbox(jar);
    expect(open.status).toBe(200);
    const cookie = `ppda.sid=${jar.get('ppda.sid')}`;
    const out = await jar.submit(`${web.url}/sign-out`, { _csrf: csrfTokenIn(open.body) });
    expect(out.url.href).toBe(`${web.url}/signed-out`);
    expect(out.response.status).toBe(200);
    const replayed = await fetch(`${web.url}/tasks`, { headers: { cookie }, redirect: 'manual' });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/sign-in?returnTo=%2Ftasks');
  });

  it('asks to retry (503), not a 500, while the provider cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await startWeb(h, {
      signIn: (url) => oidcSignIn(closed, url),
    });
    try {
      const answer = await fetch(`${down.url}/sign-in`, { redirect: 'manual' });
      expect(answer.status).toBe(503);
      expect(await answer.text()).toContain('A service the case engine needs is unavailable');
    } finally {
      await down.app.close();
    }
  });
});
