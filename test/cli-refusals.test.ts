import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
