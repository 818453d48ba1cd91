import { readFile } from 'node:fs/promises';
import { issuesFromZod } from '@ppda/domain';
import {
  applyForcePolicy,
  defaultPolicyPack,
  type TPolicyPack,
  ZForcePolicy,
} from '@ppda/ppda-case';
import { parse } from 'yaml';

/**
 * The policy pack a process runs on: the default, with the force's overrides from
 * `POLICY_FILE` when set. An override that loosens a statute rule throws
 * `PolicyOverrideError` naming the rule, so the process refuses to start.
 */
export async function loadPolicyPack(policyFile?: string): Promise<TPolicyPack> {
  if (!policyFile) return defaultPolicyPack;
  const parsed = ZForcePolicy.safeParse(parse(await readFile(policyFile, 'utf8')));
  if (!parsed.success) {
    const problems = issuesFromZod(parsed.error).map((issue) => `${issue.field}: ${issue.message}`);
    throw new Error(
      `POLICY_FILE ${policyFile} is not a valid force policy: ${problems.join('; ')}`,
    );
  }
  return applyForcePolicy(defaultPolicyPack, parsed.data);
}
