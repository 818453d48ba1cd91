import { describe, expect, it } from 'vitest';
import { rungParts, standInOrder } from './rung-recipients.ts';

describe('standInOrder', () => {
  it('tries the later rungs first, then the parts above on the usual ladder', () => {
    expect(standInOrder([['head-of-psd'], ['appropriate-authority']], 'supervisor')).toEqual([
      'head-of-psd',
      'appropriate-authority',
      'case-owner',
    ]);
    expect(standInOrder([], 'case-owner')).toEqual([
      'supervisor',
      'head-of-psd',
      'appropriate-authority',
    ]);
  });

  it('goes back down from the top of the ladder, nearest first: the AA part is never dropped', () => {
    expect(standInOrder([], 'appropriate-authority')).toEqual([
      'head-of-psd',
      'supervisor',
      'case-owner',
    ]);
  });

  it('never stands a part in for itself, and lists each part once', () => {
    const order = standInOrder([['head-of-psd', 'supervisor'], ['head-of-psd']], 'supervisor');
    expect(order).toEqual(['head-of-psd', 'appropriate-authority', 'case-owner']);
  });
});

describe('rungParts', () => {
  it("gives the case owner's place to the clock's duty holder, each part once", () => {
    expect(rungParts(['case-owner', 'supervisor'], 'criminal-oic')).toEqual([
      'criminal-oic',
      'supervisor',
    ]);
    expect(rungParts(['case-owner', 'head-of-psd'], 'head-of-psd')).toEqual(['head-of-psd']);
    expect(rungParts(['case-owner'], 'case-owner')).toEqual(['case-owner']);
  });
});
