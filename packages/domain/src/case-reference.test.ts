import { describe, expect, it } from 'vitest';
import { CASE_REFERENCE_PATTERN, createCaseReference } from './case-reference.ts';

describe('createCaseReference', () => {
  it('matches CASE_REFERENCE_PATTERN', () => {
    for (let i = 0; i < 200; i++) {
      expect(createCaseReference(new Date('2025-03-03T10:00:00Z'))).toMatch(CASE_REFERENCE_PATTERN);
    }
  });

  it.each([
    ['2025-03-03T10:00:00Z', 'PPDA-25-'],
    ['2026-01-01T00:00:00Z', 'PPDA-26-'],
    ['2009-12-31T23:59:59Z', 'PPDA-09-'],
  ])('received %s uses the 2-digit year: %s', (receivedAt, prefix) => {
    expect(createCaseReference(new Date(receivedAt)).startsWith(prefix)).toBe(true);
  });

  it('uses no vowels, 0, 1 or look-alikes in its suffix', () => {
    const suffixes = Array.from({ length: 200 }, () =>
      createCaseReference(new Date('2025-03-03T10:00:00Z')).slice(-6),
    ).join('');
    expect(suffixes).not.toMatch(/[AEIOUL01]/);
  });
});

describe('CASE_REFERENCE_PATTERN', () => {
  it.each(['PPDA-25-7KQ3XW', 'PPDA-99-222222'])('accepts %s', (reference) => {
    expect(reference).toMatch(CASE_REFERENCE_PATTERN);
  });

  it.each([
    'PPDA-25-7KQ3X',
    'PPDA-2025-7KQ3XW',
    'PPDA-25-7KQ3XA',
    'ppda-25-7kq3xw',
    'PPDA-25-7KQ3X0',
  ])('refuses %s', (reference) => {
    expect(reference).not.toMatch(CASE_REFERENCE_PATTERN);
  });
});
