import { PERSON_ROLES } from '@ppda/domain';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, canDo, decideCaseAccess, type TCaseAction } from './case-access.ts';
import type { TCaseParties } from './directory-entry.ts';

const parties: TCaseParties = {
  subjectId: 'subject',
  subjectChain: ['sergeant', 'inspector', 'acc', 'dcc', 'cc'],
  barredChain: ['sergeant', 'inspector'],
  subjectAssociates: ['friend'],
  subjectIsChiefOfficer: false,
  actingFor: {
    appropriateAuthority: { personId: 'aa', basis: 'delegated-aa' },
    headOfPsd: { personId: 'head', basis: 'head-of-psd' },
    vettingAuthority: { personId: 'vetting', basis: 'vetting-authority' },
  },
};

const decide = (
  id: string,
  roles: string[],
  action: TCaseAction = 'case.read',
  assignments: string[] = [],
  vettingRouteOpen = false,
) => decideCaseAccess({ person: { id, roles }, action, parties, assignments, vettingRouteOpen });

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
      vettingRouteOpen: false,
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

  it('shows the case to the AA and the Head of PSD who act for it, not to other holders', () => {
    expect(decide('aa', ['appropriate-authority'])).toEqual({
      allowed: true,
      reason: 'acts-for-case',
    });
    expect(decide('head', ['head-of-psd'])).toEqual({ allowed: true, reason: 'acts-for-case' });
    expect(decide('other-aa', ['appropriate-authority'])).toMatchObject({
      status: 'not-found',
      reason: 'not-assigned',
    });
    expect(decide('cc', ['chief-constable'])).toMatchObject({ reason: 'not-assigned' });
  });

  it('gives the acting parts to whoever acts, whatever their directory role', () => {
    const chiefActs: TCaseParties = {
      ...parties,
      actingFor: {
        appropriateAuthority: { personId: 'cc', basis: 'chief-constable' },
        headOfPsd: { personId: 'cc', basis: 'aa-for-head-of-psd' },
      },
    };
    const asChief = (action: TCaseAction) =>
      decideCaseAccess({
        person: { id: 'cc', roles: ['chief-constable'] },
        action,
        parties: chiefActs,
        assignments: [],
        vettingRouteOpen: false,
      });
    expect(asChief('case.decide')).toEqual({ allowed: true, reason: 'acts-for-case' });
    expect(asChief('case.access-log')).toMatchObject({ allowed: true });
    // The delegated AA who does not act for this case reads it no more than anyone else.
    expect(
      decideCaseAccess({
        person: { id: 'aa', roles: ['appropriate-authority'] },
        action: 'case.read',
        parties: chiefActs,
        assignments: [],
        vettingRouteOpen: false,
      }),
    ).toMatchObject({ status: 'not-found', reason: 'not-assigned' });
  });

  it('stops the barred chain where the case says: chief officers above it are not barred', () => {
    for (const id of ['acc', 'dcc', 'cc']) {
      expect(decide(id, ['oversight'])).toEqual({ allowed: true, reason: 'oversight-role' });
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

  describe('the vetting authority (need-to-know follows the vetting route)', () => {
    const vetting = (action: TCaseAction, open: boolean) =>
      decide('vetting', ['vetting-authority'], action, [], open);

    it('cannot tell the case exists before the vetting route is opened: 404 as for a missing case', () => {
      for (const action of Object.keys(CASE_ACTIONS) as TCaseAction[]) {
        expect(vetting(action, false)).toEqual({
          allowed: false,
          status: 'not-found',
          reason: 'vetting-route-not-open',
        });
      }
    });

    it('reads and decides the case once the route is open, and never its victim data', () => {
      expect(vetting('case.read', true)).toEqual({ allowed: true, reason: 'acts-for-case' });
      expect(vetting('case.decide', true)).toEqual({ allowed: true, reason: 'acts-for-case' });
      for (const action of [
        'case.victim.read',
        'case.victim.write',
        'case.assign',
        'case.verify',
        'case.access-log',
      ] as const) {
        expect(vetting(action, true)).toMatchObject({ allowed: false, status: 'forbidden' });
      }
    });

    it('is a vetting manager who does not act for the case: hidden either way', () => {
      for (const open of [false, true]) {
        expect(decide('other-vetting', ['vetting-authority'], 'case.read', [], open)).toEqual({
          allowed: false,
          status: 'not-found',
          reason: 'not-assigned',
        });
      }
    });

    it('leaves the AA holding the part (no vetting manager) reading the case throughout', () => {
      const aaVets: TCaseParties = {
        ...parties,
        actingFor: {
          ...parties.actingFor,
          vettingAuthority: { personId: 'aa', basis: 'aa-for-vetting-authority' },
        },
      };
      for (const vettingRouteOpen of [false, true]) {
        expect(
          decideCaseAccess({
            person: { id: 'aa', roles: ['appropriate-authority'] },
            action: 'case.read',
            parties: aaVets,
            assignments: [],
            vettingRouteOpen,
          }),
        ).toEqual({ allowed: true, reason: 'acts-for-case' });
      }
    });
  });

  it('restricts no one on a case opened before subjects were recorded', () => {
    const legacy = { ...parties, subjectId: null };
    const result = decideCaseAccess({
      person: { id: 'subject', roles: ['oversight'] },
      action: 'case.read',
      parties: legacy,
      assignments: [],
      vettingRouteOpen: false,
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
