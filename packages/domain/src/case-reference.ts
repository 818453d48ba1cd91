import { randomInt } from 'node:crypto';

// No vowels or look-alikes: a reference can never spell a name or be misread aloud.
const ALPHABET = '23456789BCDFGHJKMNPQRSTVWXYZ';

/** A pseudonymous case reference, e.g. `PPDA-25-7KQ3XW`: year and random letters, no names. */
export function createCaseReference(receivedAt: Date): string {
  const year = String(receivedAt.getUTCFullYear()).slice(-2);
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `PPDA-${year}-${suffix}`;
}

export const CASE_REFERENCE_PATTERN = /^PPDA-\d{2}-[2-9BCDFGHJKMNPQRSTVWXYZ]{6}$/;
