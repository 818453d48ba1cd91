// Test-only: run the same suite on PGlite (in memory) and on a real PostgreSQL.
import { type Database, type DatabaseKind, openDatabase } from '../open-database.ts';
import { startTestPostgres } from './postgres.ts';

export interface TestBackend {
  kind: DatabaseKind;
  /** A fresh, empty (unmigrated) database; closed by stop(). */
  open(): Promise<Database>;
  /** Two handles on one fresh database (PGlite, being in-process, gives the same one twice). */
  openPair(): Promise<[Database, Database]>;
  stop(): Promise<void>;
}

export const BACKEND_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

export async function startBackend(kind: DatabaseKind): Promise<TestBackend> {
  const opened: Database[] = [];
  const track = (db: Database) => {
    opened.push(db);
    return db;
  };
  const closeAll = async () => {
    for (const db of opened) await db.close();
  };
  if (kind === 'pglite') {
    return {
      kind,
      open: async () => track(await openDatabase({ pgliteDir: 'memory://' })),
      async openPair() {
        const db = track(await openDatabase({ pgliteDir: 'memory://' }));
        return [db, db];
      },
      stop: closeAll,
    };
  }
  const server = await startTestPostgres();
  return {
    kind,
    open: async () => track(await openDatabase({ url: await server.createDatabase() })),
    async openPair() {
      const url = await server.createDatabase();
      return [track(await openDatabase({ url })), track(await openDatabase({ url }))];
    },
    async stop() {
      await closeAll();
      await server.stop();
    },
  };
}
