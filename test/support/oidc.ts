import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type JWK } from 'oidc-provider';

/** The claim the test provider puts the directory person id in (`sub` is the provider's own). */
export const PERSON_CLAIM = 'ppda_person';

export interface TOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (panva's `oidc-provider`) on loopback, its development login and
 * consent pages standing in for the force's: the login name is the account, whose `sub` is an
 * opaque provider id and whose `ppda_person` claim is the directory person id, in the id token.
 */
export async function startOidcProvider(redirectUri: string): Promise<TOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'ppda-web';
  const clientSecret = randomBytes(24).toString('base64url');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  }) as JWK;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, alg: 'RS256', use: 'sig', kid: 'test' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name', PERSON_CLAIM] },
    // The person claim in the id token itself, as a force's provider maps it for this client.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx, accountId) => ({
      accountId,
      claims: () => ({ sub: `idp-${accountId}`, name: accountId, [PERSON_CLAIM]: accountId }),
    }),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface TCookie {
  value: string;
  path: string;
}

/**
 * A browser's part for fetch: cookies kept per name and path (loopback only, so per host is
 * moot), sent where their path matches, dropped when expired; redirects followed by hand.
 */
export class CookieJar {
  private readonly cookies = new Map<string, TCookie & { name: string }>();

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((cookie) => url.pathname.startsWith(cookie.path))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attribute = (key: string) =>
        attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? url.pathname.replace(/\/[^/]*$/, '/');
      const expires = attribute('expires');
      const gone =
        attribute('max-age') === '0' ||
        (expires !== undefined && Date.parse(expires) <= Date.now()) ||
        value === '';
      const key = `${name};${path}`;
      if (gone) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  /** Set a cookie by hand (a cookie kept from earlier, replayed). */
  put(name: string, value: string, path = '/'): void {
    this.cookies.set(`${name};${path}`, { name, value, path });
  }

  /** The value of a cookie by name (any path). */
  get(name: string): string | undefined {
    return [...this.cookies.values()].find((cookie) => cookie.name === name)?.value;
  }

  /** One request with this jar's cookies, the redirect not followed. */
  async fetch(href: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(href);
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }

  /**
   * GET `href` and follow redirects until a page that is not one, or until `stop` says the
   * next address is to be left for the caller (the callback, to tamper with or replay).
   */
  async follow(
    href: string | URL,
    stop: (next: URL) => boolean = () => false,
  ): Promise<{ url: URL; response: Response }> {
    let url = new URL(href);
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await this.fetch(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url, response };
      }
      await response.body?.cancel();
      url = new URL(location, url);
      if (stop(url)) return { url, response };
    }
    throw new Error(`more than 20 redirects from ${href}`);
  }

  /** POST a form (urlencoded), then follow where it leads as `follow` does. */
  async submit(
    href: string | URL,
    form: Record<string, string>,
    stop?: (next: URL) => boolean,
  ): Promise<{ url: URL; response: Response }> {
    const response = await this.fetch(href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return { url: new URL(href), response };
    }
    await response.body?.cancel();
    const next = new URL(location, href);
    if (stop?.(next)) return { url: next, response };
    return this.follow(next, stop);
  }
}

/** The `action` of the first form on a page, absolute. */
export function formAction(html: string, base: URL): URL {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in ${html.slice(0, 500)}`);
  return new URL(action.replaceAll('&amp;', '&'), base);
}
