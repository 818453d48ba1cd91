import { cp, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const SERVICES = ['api', 'worker'] as const;
export type TService = (typeof SERVICES)[number];

const servicesDir = fileURLToPath(new URL('../../../services/', import.meta.url));
const migrationsDir = fileURLToPath(
  new URL('../../../packages/db/prisma/migrations/', import.meta.url),
);

const MIGRATOR = fileURLToPath(new URL('../../../packages/db/src/migrate.ts', import.meta.url));

/** Where a service's production build lives, and the file `node` runs. */
export function serviceBuild(service: TService) {
  const dist = join(servicesDir, service, 'dist');
  return { dist, main: join(dist, 'bin', 'main.js') };
}

/**
 * Bundle a service's entry point with our workspace packages into plain JavaScript, so
 * production runs `node dist/bin/main.js`: no TypeScript loader in the process (tsx held
 * ~60 MB of a worker's memory) and a faster start. Dynamic imports become chunks loaded only
 * when used (Prisma's query compiler, PGlite), and `require` is provided for bundled CommonJS.
 */
export async function bundleService(service: TService): Promise<string> {
  const { dist, main } = serviceBuild(service);
  await rm(dist, { recursive: true, force: true });
  const { metafile } = await build({
    entryPoints: { main: join(servicesDir, service, 'src/main.ts') },
    outdir: join(dist, 'bin'),
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Readable stack traces without source maps, which node would hold in memory.
    keepNames: true,
    // Bull Board serves its UI from its own package directory: it stays a package.
    external: ['@bull-board/*'],
    banner: {
      js: "import { createRequire as __ppdaCreateRequire } from 'node:module'; const require = __ppdaCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
    metafile: true,
  });
  // The db package reads its migrations at ../prisma/migrations from its own code: put them
  // there from whichever output file that code landed in.
  const migrator = Object.entries(metafile.outputs).find(([, output]) =>
    // Paths in the metafile are relative to the working directory.
    Object.keys(output.inputs).some((input) => resolve(input) === MIGRATOR),
  );
  if (!migrator) throw new Error(`${service}: ${MIGRATOR} is not in the bundle`);
  const migrations = resolve(dirname(resolve(migrator[0])), '../prisma/migrations');
  await cp(migrationsDir, migrations, { recursive: true });
  return main;
}
