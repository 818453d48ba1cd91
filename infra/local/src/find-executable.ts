import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Looks `name` up on PATH, then in `extraDirs` (sbin dirs are often missing from PATH). */
export const findExecutable = (name: string, extraDirs: string[] = []): string | undefined => {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
};
