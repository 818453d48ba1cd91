// One source for who owes each clock: every clock of the policy pack is met by a decision the
// machine takes in the state that runs it, and the part its task and due notice go to
// (`dutyHolderOf`) holds the right to record that decision (`checkDecisionRights`).
import type { TRecipientRole } from '@ppda/domain';
import {
  CLOCK_DUTIES,
  clockStateNodes,
  defaultPolicyPack,
  ppdaCaseMachine,
  type TStateMeta,
} from '@ppda/ppda-case';
import { describe, expect, it } from 'vitest';
import { checkDecisionRights, dutyHolderOf } from './decision-rights.ts';
import type { TCaseParties } from './directory-entry.ts';

/** A state node of the case machine (typed from it: access does not depend on xstate). */
type AnyStateNode = typeof ppdaCaseMachine.root;

/** A case where the DCC acts as AA, the Head of PSD and the vetting manager for themselves. */
const parties: TCaseParties = {
  subjectId: 'subj-1',
  subjectChain: ['sgt-1'],
  barredChain: ['sgt-1'],
  subjectAssociates: [],
  subjectIsChiefOfficer: false,
  actingFor: {
    appropriateAuthority: { personId: 'aa-1', basis: 'delegated-aa' },
    headOfPsd: { personId: 'head-1', basis: 'head-of-psd' },
    vettingAuthority: { personId: 'vet-1', basis: 'vetting-authority' },
  },
};
/** The chief constable's case: the PCC acts as AA. */
const chiefsCase: TCaseParties = {
  ...parties,
  subjectId: 'cc-1',
  subjectChain: [],
  barredChain: [],
  subjectIsChiefOfficer: true,
  actingFor: {
    appropriateAuthority: { personId: 'pcc-1', basis: 'pcc-for-chief-constable' },
    headOfPsd: { personId: 'head-1', basis: 'head-of-psd' },
  },
};

/** Who holds each part: the owner is a PSD investigator; OIC and SPOC are assigned. */
const HOLDER: Record<TRecipientRole, { id: string; roles: string[] }> = {
  'case-owner': { id: 'inv-1', roles: ['investigator'] },
  supervisor: { id: 'sup-1', roles: ['psd-supervisor'] },
  'criminal-oic': { id: 'oic-1', roles: ['criminal-oic'] },
  'victim-spoc': { id: 'spoc-1', roles: ['victim-spoc'] },
  'appropriate-authority': { id: 'aa-1', roles: ['appropriate-authority'] },
  'head-of-psd': { id: 'head-1', roles: ['head-of-psd'] },
  'vetting-authority': { id: 'vet-1', roles: ['vetting-authority'] },
};

/** Every (state, rule, duty) the machine declares, the duty as the state or the table gives it. */
function declaredClocks() {
  const found: { node: AnyStateNode; rule: string; duty: string }[] = [];
  const visit = (node: AnyStateNode) => {
    for (const clock of (node.meta as TStateMeta | undefined)?.clocks ?? []) {
      const rule = typeof clock === 'string' ? clock : clock.rule;
      const duty =
        typeof clock === 'string' ? (CLOCK_DUTIES as Record<string, string>)[clock] : clock.duty;
      found.push({ node, rule, duty: duty ?? '(none)' });
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(ppdaCaseMachine.root);
  return found;
}

/** The event types a state (or an ancestor) takes. */
function takes(node: AnyStateNode): Set<string> {
  const types = new Set<string>();
  for (let at: AnyStateNode | undefined = node; at; at = at.parent as AnyStateNode | undefined) {
    for (const type of at.on ? Object.keys(at.on) : []) types.add(type);
  }
  return types;
}

describe('who owes each clock (one source: the decision-rights table)', () => {
  it('names the decision that meets every clock of the policy pack, and every clock a state runs is in the pack', () => {
    const packRules = [...new Set(defaultPolicyPack.rules.map((rule) => rule.id))].sort();
    expect(Object.keys(CLOCK_DUTIES).sort()).toEqual(packRules);
    const declared = new Set(clockStateNodes(ppdaCaseMachine).flatMap((node) => node.rules));
    expect([...declared].filter((rule) => !packRules.includes(rule))).toEqual([]);
  });

  it.each(declaredClocks().map((c) => [c.rule, c.node.id, c.duty, c.node] as const))(
    '%s in %s: met by %s, which the state takes and its duty holder may record',
    (_rule, _id, duty, node) => {
      expect(takes(node).has(duty)).toBe(true);
      const part = dutyHolderOf(duty);
      const decider = HOLDER[part];
      const result = checkDecisionRights({ type: duty, person: decider, parties });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    },
  );

  it('gives the AA decisions to whoever acts as AA: the PCC on the chief constable’s case, never the DCC', () => {
    const aaDuties = declaredClocks().filter(
      (c) => dutyHolderOf(c.duty) === 'appropriate-authority',
    );
    expect(aaDuties.map((c) => c.rule)).toEqual(
      expect.arrayContaining([
        'iopc.referral',
        'severity.assessment',
        'investigation.overrun-report',
        'suspension.review',
        'oversight.board-review',
      ]),
    );
    for (const { duty } of aaDuties) {
      const pcc = { id: 'pcc-1', roles: ['pcc'] };
      expect(checkDecisionRights({ type: duty, person: pcc, parties: chiefsCase }).ok).toBe(true);
      const dcc = { id: 'aa-1', roles: ['appropriate-authority'] };
      expect(checkDecisionRights({ type: duty, person: dcc, parties: chiefsCase }).ok).toBe(false);
    }
  });

  it('never gives the owner a clock whose decision they may not take (severity, overrun reports)', () => {
    for (const rule of ['severity.assessment', 'investigation.overrun-report']) {
      const duty = (CLOCK_DUTIES as Record<string, string>)[rule]!;
      expect(dutyHolderOf(duty)).toBe('appropriate-authority');
      const owner = checkDecisionRights({ type: duty, person: HOLDER['case-owner'], parties });
      expect(owner.ok).toBe(false);
    }
  });

  it('gives the criminal OIC their own deadlines: key-decision notices, VRR information, DVPO expiry', () => {
    for (const rule of ['victim.key-decision', 'victim.vrr-info', 'dvpo.expiry', 'dvpn.hearing']) {
      expect(dutyHolderOf((CLOCK_DUTIES as Record<string, string>)[rule])).toBe('criminal-oic');
    }
    expect(dutyHolderOf(CLOCK_DUTIES['victim.progress-update'])).toBe('victim-spoc');
  });

  it('gives the vetting route after the referral to the vetting authority, never the AA or the owner', () => {
    const vettingRules = [
      'vetting.notice',
      'vetting.representations',
      'vetting.outcome',
      'vetting.appeal',
    ] as const;
    for (const rule of vettingRules) {
      const duty = CLOCK_DUTIES[rule];
      expect(dutyHolderOf(duty), rule).toBe('vetting-authority');
      for (const other of [HOLDER['appropriate-authority'], HOLDER['case-owner']]) {
        expect(checkDecisionRights({ type: duty, person: other, parties }).ok, rule).toBe(false);
      }
    }
    // The referral itself is the AA's severity outcome (CondR reg 14(2)(aa)).
    expect(dutyHolderOf(CLOCK_DUTIES['vetting.referral'])).toBe('appropriate-authority');
  });
});
