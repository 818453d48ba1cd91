import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVictimVault, loadOrCreateVictimKey } from './victim-vault.ts';

const CASE = '6f1c8a8e-5b5e-4a8e-9c1e-2f0b7a1d9e01';
const OTHER_CASE = '0a4e1a7c-3b1f-4d6e-8a2b-5c9d7e3f1a02';

describe('createVictimVault', () => {
  const vault = createVictimVault(randomBytes(32));

  it('seals with a fresh IV each time and opens what it sealed', () => {
    const a = vault.seal('07700 900461', CASE);
    const b = vault.seal('07700 900461', CASE);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toContain('07700');
    expect(vault.open(a, CASE)).toBe('07700 900461');
  });

  it.each([
    [
      'an altered ciphertext',
      (s: { ciphertext: string }) => ({ ...s, ciphertext: flip(s.ciphertext) }),
    ],
    ['an altered tag', (s: { authTag: string }) => ({ ...s, authTag: flip(s.authTag) })],
    ['an altered iv', (s: { iv: string }) => ({ ...s, iv: flip(s.iv) })],
  ])('refuses %s', (_label, tamper) => {
    const sealed = vault.seal('a safety plan', CASE);
    expect(() => vault.open(tamper(sealed) as typeof sealed, CASE)).toThrow(
      /failed authentication/,
    );
  });

  it('refuses a record moved to another case', () => {
    expect(() => vault.open(vault.seal('an address', CASE), OTHER_CASE)).toThrow(
      /failed authentication/,
    );
  });

  it('names the key it needs when sealed under another', () => {
    const other = createVictimVault(randomBytes(32));
    expect(() => vault.open(other.seal('x', CASE), CASE)).toThrow(/sealed with key/);
  });

  it('takes only a 32-byte key', () => {
    expect(() => createVictimVault(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loadOrCreateVictimKey', () => {
  it('creates a 0600 key file once and reads the same key back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ppda-vault-'));
    try {
      const file = join(dir, 'keys', 'victim-data.key');
      const first = await loadOrCreateVictimKey(file);
      expect(first).toHaveLength(32);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateVictimKey(file)).toEqual(first);
      expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('base64'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function flip(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}
