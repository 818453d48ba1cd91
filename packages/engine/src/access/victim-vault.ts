import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One sealed value: AES-256-GCM ciphertext, its 96-bit IV and 128-bit tag, all base64. */
export interface TSealed {
  ciphertext: string;
  iv: string;
  authTag: string;
  keyId: string;
}

export interface TVictimVault {
  /** A fingerprint of the key (never the key): which key sealed a record. */
  keyId: string;
  /** `context` (the case id) is bound in as associated data: a row moved to another case fails. */
  seal(plaintext: string, context: string): TSealed;
  open(sealed: TSealed, context: string): string;
}

export class VictimVaultError extends Error {
  override readonly name = 'VictimVaultError';
}

/** Victim data encrypted at rest (AES-256-GCM) with a key from config. */
export function createVictimVault(key: Buffer): TVictimVault {
  if (key.length !== 32) throw new VictimVaultError('the victim data key must be 32 bytes');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        ciphertext: ciphertext.toString('base64'),
        iv: iv.toString('base64'),
        authTag: cipher.getAuthTag().toString('base64'),
        keyId,
      };
    },
    open(sealed, context) {
      if (sealed.keyId !== keyId) {
        throw new VictimVaultError(`sealed with key ${sealed.keyId}, this vault holds ${keyId}`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
        return Buffer.concat([
          decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new VictimVaultError('victim record failed authentication: altered or wrong key');
      }
    },
  };
}

/**
 * The embedded default's key: generated once and kept (0600) beside the data it protects.
 * Production sets VICTIM_DATA_KEY instead (config refuses to start without it).
 */
export async function loadOrCreateVictimKey(keyFile: string): Promise<Buffer> {
  const existing = await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing) return Buffer.from(existing.trim(), 'base64');
  await mkdir(dirname(keyFile), { recursive: true });
  await writeFile(keyFile, `${randomBytes(32).toString('base64')}\n`, {
    mode: 0o600,
    flag: 'wx',
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64');
}
