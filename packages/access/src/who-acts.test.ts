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
    });
  });
});

describe('caseRolesOf', () => {
  const actingFor = {
    appropriateAuthority: { personId: 'cc', basis: 'chief-constable' as const },
    headOfPsd: { personId: 'head', basis: 'head-of-psd' as const },
  };
  it('gives the acting parts only to those who act, keeping every other role', () => {
    expect(caseRolesOf({ id: 'cc', roles: ['chief-constable'] }, { actingFor })).toEqual([
      'appropriate-authority',
    ]);
    expect(
      caseRolesOf({ id: 'dcc', roles: ['appropriate-authority', 'investigator'] }, { actingFor }),
    ).toEqual(['investigator']);
    expect(caseRolesOf({ id: 'head', roles: ['head-of-psd'] }, { actingFor })).toEqual([
      'head-of-psd',
    ]);
  });
});
