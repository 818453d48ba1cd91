import { DECISION_TYPES } from '@ppda/ppda-case';
import { describe, expect, it } from 'vitest';
import { checkDecisionRights, DECISION_RIGHTS, decisionRightFor } from './decision-rights.ts';

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
    ['NOT_A_DECISION', 'appropriate-authority'],
  ])('%s needs %s', (type, right) => {
    expect(decisionRightFor(type)).toBe(right);
  });

  it('has a row for every decision the machine takes, and none it does not', () => {
    expect(Object.keys(DECISION_RIGHTS).sort()).toEqual([...DECISION_TYPES].sort());
  });
});

describe('checkDecisionRights', () => {
  it('gives AA decisions to the AA and records the authority', () => {
    expect(
      checkDecisionRights({
        type: 'SEVERITY_ASSESSED',
        roles: ['appropriate-authority'],
        subjectIsChiefOfficer: false,
      }),
    ).toEqual({
      ok: true,
      authority: {
        role: 'appropriate-authority',
        right: 'appropriate-authority',
        basis: "appropriate authority (the chief officer's delegate)",
      },
    });
  });

  it('refuses an AA decision by an investigator, naming who may take it', () => {
    const result = checkDecisionRights({
      type: 'SEVERITY_ASSESSED',
      roles: ['investigator'],
      subjectIsChiefOfficer: false,
    });
    expect(result).toMatchObject({ ok: false, gate: 'gate.decision-rights' });
    expect(!result.ok && result.reason).toContain('appropriate-authority');
  });

  it('routes AA decisions to the PCC, never the DCC, when the subject is the chief officer', () => {
    const dcc = checkDecisionRights({
      type: 'SUSPENDED',
      roles: ['appropriate-authority'],
      subjectIsChiefOfficer: true,
    });
    expect(dcc.ok).toBe(false);
    expect(!dcc.ok && dcc.reason).toContain('the PCC');
    const pcc = checkDecisionRights({
      type: 'SUSPENDED',
      roles: ['pcc'],
      subjectIsChiefOfficer: true,
    });
    expect(pcc).toMatchObject({ ok: true, authority: { role: 'pcc' } });
    expect(
      checkDecisionRights({
        type: 'SUSPENDED',
        roles: ['pcc'],
        subjectIsChiefOfficer: false,
      }).ok,
    ).toBe(false);
  });

  it('gives restrictions to the Head of PSD or above, not a supervisor', () => {
    const check = (roles: string[]) =>
      checkDecisionRights({ type: 'RESTRICTED', roles, subjectIsChiefOfficer: false }).ok;
    expect(check(['head-of-psd'])).toBe(true);
    expect(check(['appropriate-authority'])).toBe(true);
    expect(check(['psd-supervisor'])).toBe(false);
  });

  it('records the most specific role a person holds', () => {
    expect(
      checkDecisionRights({
        type: 'MATTER_RECORDED',
        roles: ['appropriate-authority', 'investigator'],
        subjectIsChiefOfficer: false,
      }),
    ).toMatchObject({ ok: true, authority: { role: 'investigator' } });
  });
});
