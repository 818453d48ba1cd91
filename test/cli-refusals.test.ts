import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { keyFiles } from '@ppda/api';
import { createLocalIssuer } from '@ppda/auth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

/** Issue 15, "CLIs refuse rather than guess": one line, exit 1, naming what to fix. */
const run = promisify(execFile);
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const cli = (name: string) =>
  fileURLToPath(new URL(`../services/embedded/src/commands/${name}.ts`, import.meta.url));

let h: THarness;
let emptyDir: string;
beforeAll(async () => {
  h = await startHarness({ start: new Date('2025-03-03T10:00:00Z') });
  emptyDir = await mkdtemp(join(tmpdir(), 'ppda-cli-'));
});
afterAll(async () => {
  await h.close();
  await rm(emptyDir, { recursive: true, force: true });
});

const exec = (name: string, args: string[], env: Record<string, string>) =>
  run(TSX, [cli(name), ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

it('verify and token with a DATA_DIR holding no database exit 1 naming DATA_DIR', async () => {
  const verify = await exec('verify', ['--all'], { DATA_DIR: emptyDir });
  expect(verify.code).toBe(1);
  expect(verify.stderr.trim().split('\n')).toHaveLength(1);
  expect(verify.stderr).toContain('DATA_DIR');
  const token = await exec('mint-token', ['psd-inv-1'], { DATA_DIR: emptyDir });
  expect(token.code).toBe(1);
  expect(token.stderr).toContain('DATA_DIR');
});

it('verify not-a-uuid is a one-line error, exit 1', async () => {
  const verify = await exec('verify', ['not-a-uuid'], { DATABASE_URL: h.databaseUrl });
  expect(verify.code).toBe(1);
  expect(verify.stderr.trim()).toMatch(/^not a case id: not-a-uuid/);
  expect(verify.stderr.trim().split('\n')).toHaveLength(1);
  const missing = await exec('verify', ['00000000-0000-4000-8000-000000000000'], {
    DATABASE_URL: h.databaseUrl,
  });
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toBe('no case 00000000-0000-4000-8000-000000000000');
});

it('verify refuses while a running engine holds DATA_DIR, naming it and what to do', async () => {
  const held = await mkdtemp(join(tmpdir(), 'ppda-cli-held-'));
  try {
    // A PGlite data dir an engine holds: its lock (what `npm start` writes) names a live
    // process, this test's own.
    await mkdir(join(held, 'pglite'));
    await writeFile(
      join(held, 'engine.lock'),
      JSON.stringify({ pid: process.pid, address: 'http://127.0.0.1:3999' }),
    );
    const verify = await exec('verify', ['--all'], { DATA_DIR: held });
    expect(verify.code).toBe(1);
    expect(verify.stderr.trim().split('\n')).toHaveLength(1);
    expect(verify.stderr).toContain(`pid ${process.pid}`);
    expect(verify.stderr).toContain('stop it first');
  } finally {
    await rm(held, { recursive: true, force: true });
  }
});

it('token for nobody in the directory exits 1 and prints no token', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ppda-cli-token-'));
  try {
    // The issuer key the engine would hold, and the harness's database as the directory.
    await createLocalIssuer({ audience: 'ppda-engine', keyFile: keyFiles(dataDir).localIssuer });
    const env = { DATA_DIR: dataDir, DATABASE_URL: h.databaseUrl };
    const nobody = await exec('mint-token', ['nobody'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.stdout).toBe('');
    expect(nobody.stderr.trim()).toBe('no person nobody in the directory');
    const known = await exec('mint-token', ['inv-1'], env);
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout.trim()).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
