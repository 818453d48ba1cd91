import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPolicyPack, findRule, PolicyOverrideError } from '@ppda/ppda-case';
import { describe, expect, it } from 'vitest';
import { loadPolicyPack } from './policy-file.ts';

async function policyFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'ppda-policy-')), 'policy.yaml');
  await writeFile(path, text);
  return path;
}

describe('loadPolicyPack', () => {
  it('is the default pack without a file', async () => {
    expect(await loadPolicyPack()).toBe(defaultPolicyPack);
  });

  it('applies the shipped example force policy', async () => {
    const pack = await loadPolicyPack(
      new URL('../../../../infra/policy/example-force-policy.yaml', import.meta.url).pathname,
    );
    expect(findRule(pack, 'severity.assessment').duration).toEqual({
      amount: 1,
      unit: 'working-days',
    });
    expect(findRule(pack, 'suspension.confirm-in-writing').duration.amount).toBe(2);
    expect(pack.version).toBe(`${defaultPolicyPack.version}+example-constabulary`);
  });

  it('refuses to start on an override that loosens a statute rule, naming it', async () => {
    const path = await policyFile(
      'force: lax\nrules:\n  - id: officer.representations\n    duration: { amount: 15, unit: working-days }\n',
    );
    await expect(loadPolicyPack(path)).rejects.toThrow(PolicyOverrideError);
    await expect(loadPolicyPack(path)).rejects.toThrow(
      /officer\.representations.*longer than the statutory 10/,
    );
  });

  it('names the field of a malformed policy file', async () => {
    const path = await policyFile(
      'force: x\nrules:\n  - id: record.decision\n    duration: { amount: -1, unit: days }\n',
    );
    await expect(loadPolicyPack(path)).rejects.toThrow(/rules\.0\.duration/);
  });
});
