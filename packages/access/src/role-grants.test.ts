import { describe, expect, it } from 'vitest';
import { decideRoleChange } from './role-grants.ts';

const aa = { id: 'aa-1', roles: ['appropriate-authority'] };
const head = { id: 'head-1', roles: ['head-of-psd'] };
const ops = { id: 'ops-1', roles: ['ops'] };
const target = { id: 'pc-1', roles: [] as string[], active: true };

const rule = (decision: ReturnType<typeof decideRoleChange>) =>
  decision.allowed ? 'allowed' : decision.rule;

describe('decideRoleChange', () => {
  it('lets the AA grant any role in the force gift, and the Head of PSD only PSD roles', () => {
    expect(
      rule(decideRoleChange({ actor: aa, target, action: 'grant', role: 'victim-spoc' })),
    ).toBe('allowed');
    expect(
      rule(decideRoleChange({ actor: head, target, action: 'grant', role: 'investigator' })),
    ).toBe('allowed');
    expect(
      rule(
        decideRoleChange({ actor: head, target, action: 'grant', role: 'appropriate-authority' }),
      ),
    ).toBe('directory.grant-authority');
    expect(
      rule(decideRoleChange({ actor: ops, target, action: 'grant', role: 'investigator' })),
    ).toBe('directory.grant-authority');
  });

  it('refuses self-grants, offices outside the force gift, leavers and no-ops', () => {
    const self = { ...aa, active: true };
    expect(rule(decideRoleChange({ actor: aa, target: self, action: 'grant', role: 'ops' }))).toBe(
      'directory.self-grant',
    );
    expect(rule(decideRoleChange({ actor: aa, target, action: 'grant', role: 'pcc' }))).toBe(
      'directory.outside-gift',
    );
    expect(
      rule(
        decideRoleChange({
          actor: aa,
          target: { ...target, active: false },
          action: 'grant',
          role: 'investigator',
        }),
      ),
    ).toBe('directory.leaver');
    expect(
      rule(decideRoleChange({ actor: aa, target, action: 'revoke', role: 'investigator' })),
    ).toBe('directory.no-change');
  });

  it('lets the AA or the chief constable grant the vetting authority role, never the Head of PSD or oneself', () => {
    const cc = { id: 'cc-1', roles: ['chief-constable'] };
    for (const actor of [aa, cc]) {
      expect(
        rule(decideRoleChange({ actor, target, action: 'grant', role: 'vetting-authority' })),
      ).toBe('allowed');
    }
    const refused = decideRoleChange({
      actor: head,
      target,
      action: 'grant',
      role: 'vetting-authority',
    });
    expect(refused).toMatchObject({
      allowed: false,
      code: 'forbidden',
      rule: 'directory.grant-authority',
      message: 'vetting-authority is granted by the AA or the chief constable only',
    });
    const fvm = { id: 'fvm-1', roles: ['vetting-authority', 'appropriate-authority'] };
    expect(
      rule(
        decideRoleChange({
          actor: fvm,
          target: { ...fvm, active: true },
          action: 'revoke',
          role: 'vetting-authority',
        }),
      ),
    ).toBe('directory.self-grant');
  });
});
