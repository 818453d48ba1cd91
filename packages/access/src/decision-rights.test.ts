import { DECISION_TYPES } from '@ppda/ppda-case';
import { describe, expect, it } from 'vitest';
import { checkDecisionRights, DECISION_RIGHTS, decisionRightFor } from './decision-rights.ts';
import type { TActingFor } from './directory-entry.ts';

describe('decisionRightFor', () => {
  it.each([
    ['MATTER_RECORDED', 'psd'],
    ['SEVERITY_ASSESSED', 'appropriate-authority'],
    ['INVESTIGATOR_APPOINTED', 'appropriate-authority'],
    ['EXTERNAL_FORCE_REQUESTED', 'head-of-psd-or-above'],
    ['SUSPENDED', 'appropriate-authority'],
    ['RESTRICTED', 'head-of-psd-or-above'],
    ['VICTIM_UPDATE_SENT', 'victim-liaison'],
    ['CRIMINAL_DECISION_RECORDED', 'criminal-track'],
    ['VETTING_REFERRED', 'appropriate-authority'],
    ['VETTING_NOTICE_SERVED', 'vetting-authority'],
    ['VETTING_OUTCOME_DECIDED', 'vetting-authority'],
    ['VETTING_APPEAL_DECIDED', 'vetting-authority'],
    ['NOT_A_DECISION', 'appropriate-authority'],
  ])('%s needs %s', (type, right) => {
    expect(decisionRightFor(type)).toBe(right);
  });

  it('has a row for every decision the machine takes, and none it does not', () => {
    expect(Object.keys(DECISION_RIGHTS).sort()).toEqual([...DECISION_TYPES].sort());
  });
});

const usual: TActingFor = {
  appropriateAuthority: { personId: 'dcc', basis: 'delegated-aa' },
  headOfPsd: { personId: 'head', basis: 'head-of-psd' },
};
const chiefConstableCase: TActingFor = {
  appropriateAuthority: { personId: 'pcc', basis: 'pcc-for-chief-constable' },
  headOfPsd: { personId: 'head', basis: 'head-of-psd' },
};
const check = (type: string, id: string, roles: string[], actingFor: TActingFor = usual) =>
  checkDecisionRights({ type, person: { id, roles }, parties: { actingFor } });

describe('checkDecisionRights', () => {
  it('gives AA decisions to the AA acting for the case and records the authority', () => {
    expect(check('SEVERITY_ASSESSED', 'dcc', ['appropriate-authority'])).toEqual({
      ok: true,
      authority: {
        role: 'appropriate-authority',
        right: 'appropriate-authority',
        basis: "appropriate authority (the chief constable's delegate)",
      },
    });
  });

  it('refuses an AA decision by an investigator, naming who acts for the case', () => {
    const result = check('SEVERITY_ASSESSED', 'inv', ['investigator']);
    expect(result).toMatchObject({ ok: false, gate: 'gate.decision-rights' });
    expect(!result.ok && result.reason).toContain('the appropriate authority for this case (dcc');
  });

  it('refuses another holder of the AA role who does not act for this case', () => {
    expect(check('SUSPENDED', 'acc-aa', ['appropriate-authority']).ok).toBe(false);
  });

  it('routes AA decisions to the PCC, never the DCC, when the subject is the chief constable', () => {
    const dcc = check('SUSPENDED', 'dcc', ['appropriate-authority'], chiefConstableCase);
    expect(dcc.ok).toBe(false);
    expect(!dcc.ok && dcc.reason).toContain('pcc: the PCC as appropriate authority');
    expect(check('SUSPENDED', 'pcc', ['pcc'], chiefConstableCase)).toMatchObject({
      ok: true,
      authority: {
        role: 'appropriate-authority',
        basis: 'the PCC as appropriate authority: the subject is the chief constable',
      },
    });
    expect(check('SUSPENDED', 'pcc', ['pcc']).ok).toBe(false);
  });

  it('gives restrictions to the acting Head of PSD or AA, not a supervisor', () => {
    expect(check('RESTRICTED', 'head', ['head-of-psd']).ok).toBe(true);
    expect(check('RESTRICTED', 'dcc', ['appropriate-authority']).ok).toBe(true);
    expect(check('RESTRICTED', 'sup', ['psd-supervisor']).ok).toBe(false);
  });

  it('gives a conflicted Head of PSD part to the AA, and nothing to the Head of PSD', () => {
    const headConflicted: TActingFor = {
      appropriateAuthority: usual.appropriateAuthority,
      headOfPsd: { personId: 'dcc', basis: 'aa-for-head-of-psd' },
    };
    expect(check('RESTRICTED', 'head', ['head-of-psd'], headConflicted).ok).toBe(false);
    expect(check('RESTRICTED', 'dcc', ['appropriate-authority'], headConflicted)).toMatchObject({
      ok: true,
      authority: { role: 'head-of-psd' },
    });
  });

  it('says nobody can be resolved when no one acts', () => {
    const nobody: TActingFor = { appropriateAuthority: null, headOfPsd: null };
    const result = check('SUSPENDED', 'dcc', ['appropriate-authority'], nobody);
    expect(!result.ok && result.reason).toContain('nobody can be resolved');
  });

  it('records the most specific role a person holds', () => {
    expect(
      check('MATTER_RECORDED', 'dcc', ['appropriate-authority', 'investigator']),
    ).toMatchObject({ ok: true, authority: { role: 'investigator' } });
  });

  describe('the vetting route', () => {
    const withVa: TActingFor = {
      ...usual,
      vettingAuthority: { personId: 'fvm', basis: 'vetting-authority' },
    };
    it('gives withdrawal decisions to the vetting authority acting for the case, recording why', () => {
      expect(check('VETTING_OUTCOME_DECIDED', 'fvm', ['vetting-authority'], withVa)).toEqual({
        ok: true,
        authority: {
          role: 'vetting-authority',
          right: 'vetting-authority',
          basis: 'vetting authority (the force vetting manager)',
        },
      });
    });

    it('refuses the AA, PSD and another vetting manager once a vetting manager acts, naming who does', () => {
      const aa = check('VETTING_NOTICE_SERVED', 'dcc', ['appropriate-authority'], withVa);
      expect(aa).toMatchObject({ ok: false, gate: 'gate.decision-rights' });
      expect(!aa.ok && aa.reason).toContain('the vetting authority for this case (fvm');
      expect(check('VETTING_OUTCOME_DECIDED', 'inv', ['investigator'], withVa).ok).toBe(false);
      // A holder of the role barred from the subject is never resolved, so holds nothing here.
      expect(check('VETTING_OUTCOME_DECIDED', 'supt', ['vetting-authority'], withVa).ok).toBe(
        false,
      );
    });

    it("gives them to the case's AA when no vetting manager can act", () => {
      const aaActs: TActingFor = {
        ...usual,
        vettingAuthority: { personId: 'dcc', basis: 'aa-for-vetting-authority' },
      };
      expect(
        check('VETTING_OUTCOME_DECIDED', 'dcc', ['appropriate-authority'], aaActs),
      ).toMatchObject({
        ok: true,
        authority: {
          role: 'vetting-authority',
          basis:
            'the appropriate authority as vetting authority: no vetting manager can act for this case',
        },
      });
      expect(check('VETTING_OUTCOME_DECIDED', 'fvm', ['vetting-authority'], aaActs).ok).toBe(false);
    });

    it('leaves the referral itself with the AA (the severity outcome)', () => {
      expect(check('VETTING_REFERRED', 'dcc', ['appropriate-authority'], withVa).ok).toBe(true);
      expect(check('VETTING_REFERRED', 'fvm', ['vetting-authority'], withVa).ok).toBe(false);
    });
  });
});
