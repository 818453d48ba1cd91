import type { TRank } from '@ppda/domain';
import { describe, expect, it } from 'vitest';
import type { TDirectoryEntry } from './directory-entry.ts';
import { barredLineChain, caseRolesOf, whoActsFor } from './who-acts.ts';

const person = (
  id: string,
  rank: TRank,
  lineManagerId: string | null,
  roles: string[] = [],
): TDirectoryEntry => ({
  id,
  rank,
  roles,
  lineManagerId,
  force: 'xx',
  department: null,
  team: null,
});

// A line chain as a real force has it: PC up to the chief constable, the DCC as delegated AA,
// PSD under an ACC, the PCC outside the chain.
const force = [
  person('cc', 'CC', null, ['chief-constable']),
  person('dcc', 'DCC', 'cc', ['appropriate-authority']),
  person('acc', 'ACC', 'dcc'),
  person('chsupt', 'ChSupt', 'acc'),
  person('supt', 'Supt', 'chsupt'),
  person('supt-dcc', 'Supt', 'dcc'),
  person('head', 'Supt', 'acc', ['head-of-psd']),
  person('psd-dci', 'DCI', 'head', ['psd-supervisor']),
  person('insp', 'Insp', 'supt'),
  person('ps', 'PS', 'insp'),
  person('pc', 'PC', 'ps'),
  person('pcc', 'staff-chief-officer', null, ['pcc']),
];
const byId = new Map(force.map((entry) => [entry.id, entry]));
const chainOf = (id: string) => {
  const chain: TDirectoryEntry[] = [];
  for (let m = byId.get(id)?.lineManagerId; m; m = byId.get(m)?.lineManagerId) {
    chain.push(byId.get(m)!);
  }
  return chain;
};
const holders = force.filter((entry) => entry.roles.length > 0);
const actsFor = (subjectId: string, subjectAssociates: string[] = []) => {
  const barredChain = barredLineChain(chainOf(subjectId));
  const actingFor = whoActsFor({
    subjectId,
    subject: byId.get(subjectId),
    barredChain,
    subjectAssociates,
    holders,
  });
  return {
    barred: barredChain,
    aa: actingFor.appropriateAuthority?.personId,
    aaBasis: actingFor.appropriateAuthority?.basis,
    head: actingFor.headOfPsd?.personId,
    headBasis: actingFor.headOfPsd?.basis,
  };
};

describe('barredLineChain', () => {
  it('stops at the first chief officer, who is barred only as the direct manager', () => {
    expect(actsFor('pc').barred).toEqual(['ps', 'insp', 'supt', 'chsupt']);
    expect(actsFor('chsupt').barred).toEqual(['acc']);
    expect(actsFor('supt-dcc').barred).toEqual(['dcc']);
    expect(actsFor('acc').barred).toEqual(['dcc']);
  });

  it('never bars the chief constable, and treats an unknown rank as below chief officer', () => {
    expect(actsFor('dcc').barred).toEqual([]);
    expect(barredLineChain([{ id: 'x', rank: null, roles: [] }, force[0]!])).toEqual(['x']);
  });
});

describe('whoActsFor', () => {
  it.each([
    // subject, AA, why, Head of PSD, why
    ['pc', 'dcc', 'delegated-aa', 'head', 'head-of-psd'],
    ['psd-dci', 'dcc', 'delegated-aa', 'dcc', 'aa-for-head-of-psd'],
    ['head', 'dcc', 'delegated-aa', 'dcc', 'aa-for-head-of-psd'],
    ['supt-dcc', 'cc', 'chief-constable', 'head', 'head-of-psd'],
    // The Head of PSD reports to this ACC: managed by the subject, so conflicted.
    ['acc', 'cc', 'chief-constable', 'cc', 'aa-for-head-of-psd'],
    ['dcc', 'cc', 'chief-constable', 'head', 'head-of-psd'],
    ['cc', 'pcc', 'pcc-for-chief-constable', 'head', 'head-of-psd'],
  ])('subject %s: the AA is %s (%s), the Head of PSD %s (%s)', (subject, aa, why, head, hwhy) => {
    expect(actsFor(subject)).toMatchObject({ aa, aaBasis: why, head, headBasis: hwhy });
  });

  it('passes over a delegated AA who is a declared associate of the subject', () => {
    expect(actsFor('pc', ['dcc'])).toMatchObject({ aa: 'cc', head: 'head' });
  });

  it('passes over a delegated AA the subject manages directly', () => {
    const managed = [...holders, person('acc-aa', 'ACC', 'pc', ['appropriate-authority'])];
    const acting = whoActsFor({
      subjectId: 'pc',
      subject: byId.get('pc'),
      barredChain: [],
      subjectAssociates: [],
      holders: managed.filter((entry) => entry.id !== 'dcc'),
    });
    expect(acting.appropriateAuthority).toEqual({ personId: 'cc', basis: 'chief-constable' });
  });

  it('prefers the most senior delegated AA, then the next when the first is conflicted', () => {
    const twoDelegates = [...holders, person('acc-aa', 'ACC', 'dcc', ['appropriate-authority'])];
    const input = { subject: byId.get('pc'), barredChain: [], subjectAssociates: [] };
    expect(
      whoActsFor({ ...input, subjectId: 'pc', holders: twoDelegates }).appropriateAuthority,
    ).toEqual({ personId: 'dcc', basis: 'delegated-aa' });
    expect(
      whoActsFor({ ...input, subjectId: 'pc', subjectAssociates: ['dcc'], holders: twoDelegates })
        .appropriateAuthority,
    ).toEqual({ personId: 'acc-aa', basis: 'delegated-aa' });
  });

  it('resolves nobody rather than a conflicted person when no one is left', () => {
    const acting = whoActsFor({
      subjectId: 'cc',
      subject: byId.get('cc'),
      barredChain: [],
      subjectAssociates: [],
      holders: holders.filter((entry) => entry.id !== 'pcc'),
    });
    expect(acting).toEqual({
      appropriateAuthority: null,
      headOfPsd: { personId: 'head', basis: 'head-of-psd' },
      vettingAuthority: null,
    });
  });
});

describe('whoActsFor: the vetting authority', () => {
  // Two vetting managers: the force vetting manager, and a DS in the unit under them. The
  // superintendent in the PC's line chain (who outranks both) has been given the role too.
  const vetting = [
    ...holders,
    person('fvm', 'staff-manager', 'acc', ['vetting-authority']),
    person('vet-ds', 'DS', 'fvm', ['vetting-authority']),
    { ...byId.get('supt')!, roles: ['vetting-authority'] },
  ];
  const vaFor = (subjectId: string, subjectAssociates: string[] = [], people = vetting) =>
    whoActsFor({
      subjectId,
      subject: byId.get(subjectId) ?? people.find((entry) => entry.id === subjectId),
      barredChain: barredLineChain(chainOf(subjectId)),
      subjectAssociates,
      holders: people,
    }).vettingAuthority;

  it('is the most senior vetting manager not conflicted, never one in the barred line chain', () => {
    // The superintendent is in the PC's barred line chain: the most senior holder, passed over.
    expect(barredLineChain(chainOf('pc'))).toContain('supt');
    expect(vaFor('pc')).toEqual({ personId: 'fvm', basis: 'vetting-authority' });
    // For a subject outside that chain, the superintendent acts.
    expect(vaFor('psd-dci')).toEqual({ personId: 'supt', basis: 'vetting-authority' });
    expect(vaFor('pc', ['fvm'])).toEqual({ personId: 'vet-ds', basis: 'vetting-authority' });
  });

  it('passes over a vetting manager who manages the subject directly', () => {
    const unit = vetting.filter((entry) => entry.id !== 'supt');
    expect(vaFor('pc', [], unit)).toEqual({ personId: 'fvm', basis: 'vetting-authority' });
    const withSubject = [...unit, person('vet-pc', 'PC', 'fvm')];
    expect(vaFor('vet-pc', [], withSubject)).toEqual({
      personId: 'vet-ds',
      basis: 'vetting-authority',
    });
  });

  it("falls back to the case's AA when no vetting manager can act, and to nobody with no AA", () => {
    expect(vaFor('pc', ['fvm', 'vet-ds'])).toEqual({
      personId: 'dcc',
      basis: 'aa-for-vetting-authority',
    });
    expect(vaFor('pc', [], holders)).toEqual({
      personId: 'dcc',
      basis: 'aa-for-vetting-authority',
    });
    const noAa = holders.filter((entry) => entry.id !== 'pcc');
    expect(vaFor('cc', [], noAa)).toBeNull();
  });

  it("gives the chief constable's case to the PCC, never a vetting manager they command", () => {
    expect(vaFor('cc')).toEqual({ personId: 'pcc', basis: 'aa-for-vetting-authority' });
  });
});

describe('caseRolesOf', () => {
  const actingFor = {
    appropriateAuthority: { personId: 'cc', basis: 'chief-constable' as const },
    headOfPsd: { personId: 'head', basis: 'head-of-psd' as const },
  };
  it('gives the acting parts only to those who act, keeping every other role', () => {
    // No vetting authority resolved in these parties: the AA holds that part too.
    expect(caseRolesOf({ id: 'cc', roles: ['chief-constable'] }, { actingFor })).toEqual([
      'appropriate-authority',
      'vetting-authority',
    ]);
    expect(
      caseRolesOf({ id: 'dcc', roles: ['appropriate-authority', 'investigator'] }, { actingFor }),
    ).toEqual(['investigator']);
    expect(caseRolesOf({ id: 'head', roles: ['head-of-psd'] }, { actingFor })).toEqual([
      'head-of-psd',
    ]);
  });

  it('gives the vetting authority part to the one resolved for the case (else the AA)', () => {
    const withVa = {
      ...actingFor,
      vettingAuthority: { personId: 'fvm', basis: 'vetting-authority' as const },
    };
    expect(caseRolesOf({ id: 'fvm', roles: ['vetting-authority'] }, { actingFor: withVa })).toEqual(
      ['vetting-authority'],
    );
    // Another holder of the role, not resolved for this case, holds nothing here.
    expect(
      caseRolesOf({ id: 'vet-ds', roles: ['vetting-authority'] }, { actingFor: withVa }),
    ).toEqual([]);
    // Parties resolved before the role existed: the AA holds the part.
    expect(caseRolesOf({ id: 'cc', roles: ['chief-constable'] }, { actingFor })).toContain(
      'vetting-authority',
    );
  });
});
