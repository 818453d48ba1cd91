import { PERSON_ROLES } from '@ppda/domain';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, canDo, decideCaseAccess, type TCaseAction } from './case-access.ts';
import type { TCaseParties } from './directory-entry.ts';

const parties: TCaseParties = {
  subjectId: 'subject',
  subjectChain: ['sergeant', 'inspector'],
  subjectAssociates: ['friend'],
  subjectIsChiefOfficer: false,
};

const decide = (
  id: string,
  roles: string[],
  action: TCaseAction = 'case.read',
  assignments: string[] = [],
) => decideCaseAccess({ person: { id, roles }, action, parties, assignments });

describe('decideCaseAccess', () => {
  it.each([
    ['subject', 'restricted:subject'],
    ['sergeant', 'restricted:line-chain'],
    ['inspector', 'restricted:line-chain'],
    ['friend', 'restricted:associate'],
  ])('hides the case from %s whatever their role or assignment (%s)', (id, reason) => {
    for (const role of PERSON_ROLES) {
      for (const action of Object.keys(CASE_ACTIONS) as TCaseAction[]) {
        expect(decide(id, [role], action, ['owner'])).toEqual({
          allowed: false,
          status: 'not-found',
          reason,
        });
      }
    }
  });

  it('answers a missing case the same way as a restricted one', () => {
    const missing = decideCaseAccess({
      person: { id: 'aa', roles: ['appropriate-authority'] },
      action: 'case.read',
      parties: undefined,
      assignments: [],
    });
    expect(missing).toEqual({ allowed: false, status: 'not-found', reason: 'no-such-case' });
  });

  it('hides the case from an unassigned investigator, shows it once assigned', () => {
    expect(decide('inv', ['investigator'])).toMatchObject({
      status: 'not-found',
      reason: 'not-assigned',
    });
    expect(decide('inv', ['investigator'], 'case.read', ['owner'])).toEqual({
      allowed: true,
      reason: 'assigned',
    });
  });

  it('shows every case to the Head of PSD and the AA, who receive its escalations', () => {
    for (const role of ['head-of-psd', 'appropriate-authority']) {
      expect(decide('senior', [role])).toEqual({ allowed: true, reason: 'receives-escalations' });
    }
  });

  it('lets oversight read but not decide', () => {
    for (const role of ['oversight', 'auditor', 'iopc']) {
      expect(decide('o', [role])).toEqual({ allowed: true, reason: 'oversight-role' });
      expect(decide('o', [role], 'case.decide')).toMatchObject({ status: 'forbidden' });
      expect(decide('o', [role], 'case.verify')).toMatchObject({ allowed: true });
    }
  });

  it('keeps victim data to those assigned to work with the victim', () => {
    expect(decide('spoc', ['victim-spoc'], 'case.victim.read', ['victim-spoc'])).toMatchObject({
      allowed: true,
    });
    expect(decide('aa', ['appropriate-authority'], 'case.victim.read')).toMatchObject({
      status: 'forbidden',
    });
    expect(decide('sup', ['psd-supervisor'], 'case.victim.read', ['supervisor'])).toMatchObject({
      status: 'forbidden',
    });
  });

  it('refuses a role the action does not allow on a visible case with forbidden', () => {
    expect(decide('ops', ['ops'], 'case.read', ['owner'])).toEqual({
      allowed: false,
      status: 'forbidden',
      reason: 'role-not-permitted',
    });
  });

  it('restricts no one on a case opened before subjects were recorded', () => {
    const legacy = { ...parties, subjectId: null };
    const result = decideCaseAccess({
      person: { id: 'subject', roles: ['head-of-psd'] },
      action: 'case.read',
      parties: legacy,
      assignments: [],
    });
    expect(result.allowed).toBe(true);
  });
});

describe('canDo', () => {
  it('gives directory import to ops and the AA only', () => {
    expect(PERSON_ROLES.filter((role) => canDo([role], 'directory.import'))).toEqual([
      'appropriate-authority',
      'ops',
    ]);
  });
});
