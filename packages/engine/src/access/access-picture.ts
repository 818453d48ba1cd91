import type { TActingFor } from '@ppda/access';
import type { TSubjectContext } from './case-parties.ts';

/**
 * What a directory change can alter on a live case: who is kept from it (gate.access: the
 * subject, their barred line chain, their associates) and who acts for it (its AA and Head
 * of PSD, with the basis of each).
 */
export interface TAccessPicture {
  barred: string[];
  actors: TActingFor;
}

/** A case's access picture from its subject context, comparable as JSON. */
export function accessPictureOf(context: TSubjectContext): TAccessPicture {
  const { subjectId, barredChain, subjectAssociates, actingFor } = context.parties;
  const barred = [...new Set([subjectId, ...barredChain, ...subjectAssociates])]
    .filter((id): id is string => typeof id === 'string')
    .sort();
  return { barred, actors: actingFor };
}

/** Whether two pictures differ, and how the barred people moved. */
export function comparePictures(before: TAccessPicture, after: TAccessPicture) {
  const barredAdded = after.barred.filter((id) => !before.barred.includes(id));
  const barredRemoved = before.barred.filter((id) => !after.barred.includes(id));
  const actorsChanged = JSON.stringify(before.actors) !== JSON.stringify(after.actors);
  return {
    changed: barredAdded.length > 0 || barredRemoved.length > 0 || actorsChanged,
    barredAdded,
    barredRemoved,
    actorsChanged,
  };
}
