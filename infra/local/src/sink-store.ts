import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SinkMessage } from './sink-message.ts';

/**
 * One JSON file per message so mail survives a sink restart (dev: read what the engine sent
 * yesterday). File names start with the receive time, so a directory listing is chronological.
 */
export interface SinkStore {
  load(): Promise<SinkMessage[]>;
  save(message: SinkMessage): Promise<void>;
  clear(): void;
}

const fileName = (message: SinkMessage): string =>
  `${Date.parse(message.receivedAt)}-${message.id}.json`;

const jsonFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.json'));

export const createSinkStore = (dir: string): SinkStore => {
  mkdirSync(dir, { recursive: true });
  return {
    load: async () => {
      const messages = await Promise.all(
        jsonFiles(dir).map(
          async (file) => JSON.parse(await readFile(join(dir, file), 'utf8')) as SinkMessage,
        ),
      );
      return messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    },
    save: (message) =>
      writeFile(join(dir, fileName(message)), `${JSON.stringify(message, null, 2)}\n`),
    clear: () => {
      for (const file of jsonFiles(dir)) rmSync(join(dir, file), { force: true });
    },
  };
};
