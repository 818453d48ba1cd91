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

/** POST JSON as `personId`; a connection failure resolves with status 0 rather than throwing. */
export async function postAs(
  baseUrl: string,
  path: string,
  body: unknown,
  personId: string,
  options: { timeoutMs?: number } = {},
): Promise<THttpAnswer> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await actorHeaders(personId)) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text) };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
