import { AppError } from '@ppda/domain';

/** Where a page of a list ordered by (time, id) descending ended. */
export interface TKeysetCursor {
  at: string;
  id: string;
}

/** Cursors are opaque to callers: where a page ended, in the list's order. */
export function encodeCursor(cursor: TKeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/**
 * The cursor's position; a text this list did not give (`isId` refuses its id, or it is not
 * a cursor at all) is a 400 naming `cursor`, never a query on garbage.
 */
export function decodeCursor(text: string, isId: (id: string) => boolean): TKeysetCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString());
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [at, id] = decoded as unknown[];
      if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) {
        if (typeof id === 'string' && isId(id)) return { at, id };
      }
    }
  } catch {
    // Not base64url JSON: refused below like any other text this list did not give.
  }
  const message = 'not a cursor this list gave: pass nextCursor from the page before';
  throw new AppError('validation', `cursor: ${message}`, {
    issues: [{ field: 'cursor', rule: 'cursor', message }],
  });
}
