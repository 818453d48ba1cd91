import { describe, expect, it } from 'vitest';
import { preparedStatementNames } from './prepared-statements.ts';

describe('preparedStatementNames', () => {
  it('gives one text one stable name and different texts different names', () => {
    const name = preparedStatementNames();
    const first = name('SELECT 1');
    expect(first).toMatch(/^ppda_[0-9a-f]{40}$/);
    expect(name('SELECT 1')).toBe(first);
    expect(name('SELECT 2')).not.toBe(first);
  });

  it('leaves texts past the limit unnamed, and keeps the names it gave', () => {
    const name = preparedStatementNames(2);
    const a = name('SELECT 1');
    name('SELECT 2');
    expect(name('SELECT 3')).toBeUndefined();
    expect(name('SELECT 1')).toBe(a);
  });
});
