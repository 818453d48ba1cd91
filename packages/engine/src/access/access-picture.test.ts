import type { TActingFor } from '@ppda/access';
import { describe, expect, it } from 'vitest';
import { accessPictureOf, comparePictures } from './access-picture.ts';
import type { TSubjectContext } from './case-parties.ts';

const usual: TActingFor = {
  appropriateAuthority: { personId: 'aa-1', basis: 'delegated-aa' },
  headOfPsd: { personId: 'head-1', basis: 'head-of-psd' },
};
const context = (barredChain: string[], actingFor: TActingFor = usual): TSubjectContext => ({
  parties: {
    subjectId: 'subj-1',
    subjectChain: [...barredChain, 'acc-1', 'aa-1'],
    barredChain,
    subjectAssociates: ['friend-1'],
    subjectIsChiefOfficer: false,
    actingFor,
  },
  subject: undefined,
});

describe('accessPictureOf', () => {
  it('is the barred people sorted (not the chief officers above the chain), and who acts', () => {
    expect(accessPictureOf(context(['sgt-1', 'insp-1']))).toEqual({
      barred: ['friend-1', 'insp-1', 'sgt-1', 'subj-1'],
      actors: usual,
    });
  });

  it('tells a line-manager move and a change of who acts apart from no change', () => {
    const before = accessPictureOf(context(['sgt-1', 'insp-1']));
    expect(comparePictures(before, accessPictureOf(context(['insp-1', 'sgt-1']))).changed).toBe(
      false,
    );
    expect(comparePictures(before, accessPictureOf(context(['sgt-9', 'insp-1'])))).toMatchObject({
      changed: true,
      barredAdded: ['sgt-9'],
      barredRemoved: ['sgt-1'],
    });
    const chiefActs = accessPictureOf(
      context(['sgt-1', 'insp-1'], {
        appropriateAuthority: { personId: 'cc-1', basis: 'chief-constable' },
        headOfPsd: usual.headOfPsd,
      }),
    );
    expect(comparePictures(before, chiefActs)).toMatchObject({
      changed: true,
      actorsChanged: true,
    });
  });
});
