import type { TSubjectContext } from './case-parties.ts';

/**
 * What a directory change can alter on a live case: who is kept from it (gate.access: the
 * subject, their line chain, their associates) and, where the subject context carries it,
 * who acts for it (`actors`: the AA and Head of PSD for this case).
 */
export interface TAccessPicture {
  barred: string[];
  actors?: unknown;
}

/**
 * A case's access picture from its subject context, comparable as JSON. `actors` is taken as
 * the context gives it, so whatever who-acts resolution the context grows is compared too.
 */
export function accessPictureOf(context: TSubjectContext): TAccessPicture {
  const { subjectId, subjectChain, subjectAssociates } = context.parties;
  const barred = [...new Set([subjectId, ...subjectChain, ...subjectAssociates])]
    .filter((id): id is string => typeof id === 'string')
    .sort();
  const { actors } = context as { actors?: unknown };
  return actors === undefined ? { barred } : { barred, actors };
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
