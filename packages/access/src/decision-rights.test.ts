import { describe, expect, it } from 'vitest';
import { checkDecisionRights, decisionRightFor } from './decision-rights.ts';

describe('decisionRightFor', () => {
  it.each([
    ['MATTER_RECORDED', 'psd'],
    ['SEVERITY_ASSESSED', 'appropriate-authority'],
    ['INVESTIGATOR_APPOINTED', 'appropriate-authority'],
    ['EXTERNAL_FORCE_REQUESTED', 'head-of-psd-or-above'],
    ['SUSPENSION_DECIDED', 'appropriate-authority'],
    ['RESTRICTIONS_IMPOSED', 'head-of-psd-or-above'],
    ['VICTIM_UPDATE_SENT', 'victim-liaison'],
    ['ARREST_MADE', 'criminal-track'],
    ['SOMETHING_ELSE', 'psd'],
  ])('%s needs %s', (type, right) => {
    expect(decisionRightFor(type)).toBe(right);
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
      type: 'SUSPENSION_DECIDED',
      roles: ['appropriate-authority'],
      subjectIsChiefOfficer: true,
    });
    expect(dcc.ok).toBe(false);
    expect(!dcc.ok && dcc.reason).toContain('the PCC');
    const pcc = checkDecisionRights({
      type: 'SUSPENSION_DECIDED',
      roles: ['pcc'],
      subjectIsChiefOfficer: true,
    });
    expect(pcc).toMatchObject({ ok: true, authority: { role: 'pcc' } });
    expect(
      checkDecisionRights({
        type: 'SUSPENSION_DECIDED',
        roles: ['pcc'],
        subjectIsChiefOfficer: false,
      }).ok,
    ).toBe(false);
  });

  it('gives restrictions to the Head of PSD or above, not a supervisor', () => {
    const check = (roles: string[]) =>
      checkDecisionRights({ type: 'RESTRICTIONS_IMPOSED', roles, subjectIsChiefOfficer: false }).ok;
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
