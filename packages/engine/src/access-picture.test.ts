import { describe, expect, it } from 'vitest';
import { accessPictureOf, comparePictures } from './access-picture.ts';
import type { TSubjectContext } from './case-parties.ts';

const context = (chain: string[], extra: object = {}): TSubjectContext =>
  ({
    parties: {
      subjectId: 'subj-1',
      subjectChain: chain,
      subjectAssociates: ['friend-1'],
      subjectIsChiefOfficer: false,
    },
    subject: undefined,
    ...extra,
  }) as TSubjectContext;

describe('accessPictureOf', () => {
  it('is the barred people sorted, plus who acts when the context carries it', () => {
    expect(accessPictureOf(context(['sgt-1', 'insp-1']))).toEqual({
      barred: ['friend-1', 'insp-1', 'sgt-1', 'subj-1'],
    });
    expect(accessPictureOf(context([], { actors: { aa: 'aa-1' } })).actors).toEqual({ aa: 'aa-1' });
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
    const acting = accessPictureOf(context(['sgt-1', 'insp-1'], { actors: { aa: 'cc-1' } }));
    expect(comparePictures(before, acting)).toMatchObject({ changed: true, actorsChanged: true });
  });
});
