import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { keyFiles } from '@ppda/api';
import { createLocalIssuer, type TLocalIssuer } from '@ppda/auth';

/** Services spawned from the repo root keep the local issuer's key under its `.data`. */
const DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));
let issuer: Promise<TLocalIssuer> | undefined;

/** Tokens by person, reused until shortly before they expire, as a real client would. */
const tokens = new Map<string, { token: string; expiresAt: number }>();
const REFRESH_BEFORE_MS = 60_000;

/** The headers that say who is acting: a bearer token from the api's local issuer. */
export async function actorHeaders(personId: string): Promise<Record<string, string>> {
  issuer ??= createLocalIssuer({
    audience: 'ppda-engine',
    keyFile: keyFiles(DATA_DIR).localIssuer,
  });
  let held = tokens.get(personId);
  if (!held || held.expiresAt - REFRESH_BEFORE_MS < Date.now()) {
    const minted = await (await issuer).mint(personId);
    held = { token: minted.token, expiresAt: Date.parse(minted.expiresAt) };
    tokens.set(personId, held);
  }
  return { authorization: `Bearer ${held.token}` };
}

export interface THttpAnswer {
  status: number;
  body: unknown;
}

/**
 * Kept-alive connections per api, as a real client holds them. Plain `node:http`, not
 * `fetch`: on this 2-core VM fetch cost the client ~2 ms a request (7.2 vs 4.7 ms a
 * sequential decision), CPU the api under test shares.
 */
const agents = new Map<string, Agent>();

/** POST JSON as `personId`; a connection failure resolves with status 0 rather than throwing. */
export async function postAs(
  baseUrl: string,
  path: string,
  body: unknown,
  personId: string,
  options: { timeoutMs?: number } = {},
): Promise<THttpAnswer> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    ...(await actorHeaders(personId)),
  };
  let agent = agents.get(baseUrl);
  if (!agent) {
    agent = new Agent({ keepAlive: true });
    agents.set(baseUrl, agent);
  }
  return new Promise((resolve) => {
    const failed = (error: unknown) => resolve({ status: 0, body: String(error) });
    const request = httpRequest(new URL(path, baseUrl), { method: 'POST', agent, headers });
    request.setTimeout(options.timeoutMs ?? 30_000, () =>
      request.destroy(new Error('no answer in time')),
    );
    request.on('error', failed);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', failed);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: parseJson(Buffer.concat(chunks).toString()),
        }),
      );
    });
    request.end(payload);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
