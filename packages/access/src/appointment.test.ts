import { describe, expect, it } from 'vitest';
import { defaultAccessPolicy } from './access-policy.ts';
import { checkAppointment, checkExternalForce } from './appointment.ts';
import type { TDirectoryEntry } from './directory-entry.ts';
import { externalForceRequirement } from './external-force.ts';
import { checkInvestigatorIndependence, type TIndependenceInput } from './independence.ts';

const person = (id: string, fields: Partial<TDirectoryEntry> = {}): TDirectoryEntry => ({
  id,
  roles: [],
  rank: 'PC',
  force: 'xx',
  department: 'response',
  team: 'Response North',
  lineManagerId: null,
  ...fields,
});

const subject = person('subject', { lineManagerId: 'sergeant' });
const candidate = person('inv', {
  roles: ['investigator'],
  rank: 'DS',
  department: 'psd',
  team: 'PSD Investigations',
});

const input = (overrides: Partial<TIndependenceInput> = {}): TIndependenceInput => ({
  candidateId: 'inv',
  candidate,
  subject,
  subjectChain: ['sergeant', 'inspector'],
  candidateChain: ['psd-di', 'head'],
  subjectAssociates: [],
  victimAssociates: [],
  policy: defaultAccessPolicy,
  ...overrides,
});

const codes = (overrides: Partial<TIndependenceInput>) =>
  checkInvestigatorIndependence(input(overrides)).map((conflict) => conflict.code);

describe('checkInvestigatorIndependence', () => {
  it('finds no conflict for an unconnected PSD investigator', () => {
    expect(checkInvestigatorIndependence(input())).toEqual([]);
  });

  it.each<[string, Partial<TIndependenceInput>, string]>([
    ['not in the directory', { candidate: undefined }, 'unknown-person'],
    [
      'without the investigator role',
      { candidate: { ...candidate, roles: [] } },
      'not-an-investigator',
    ],
    [
      'the subject',
      { candidateId: 'subject', candidate: { ...subject, roles: ['investigator'] } },
      'is-subject',
    ],
    ['the victim', { victimPersonId: 'inv' }, 'is-victim'],
    ['in the line chain', { subjectChain: ['sergeant', 'inv'] }, 'in-subject-line-chain'],
    ['managed by the subject', { candidateChain: ['subject', 'x'] }, 'managed-by-subject'],
    ["the subject's associate", { subjectAssociates: ['inv'] }, 'associate-of-subject'],
    ["the victim's associate", { victimAssociates: ['inv'] }, 'associate-of-victim'],
    [
      "in the subject's team",
      { candidate: { ...candidate, team: 'Response North' } },
      'same-team-as-subject',
    ],
    [
      'in the force of an ACC subject',
      { subject: { ...subject, rank: 'ACC' } },
      'same-force-as-senior-subject',
    ],
    [
      'for a staff chief officer',
      { subject: { ...subject, rank: 'staff-chief-officer' } },
      'same-force-as-senior-subject',
    ],
    [
      'when the subject has no rank',
      { subject: { ...subject, rank: null } },
      'subject-rank-unknown',
    ],
  ])('refuses a candidate %s', (_label, overrides, code) => {
    expect(codes(overrides)).toContain(code);
  });

  it('names the level of the line-chain conflict', () => {
    const [line] = checkInvestigatorIndependence(input({ subjectChain: ['inv'] }));
    expect(line?.reason).toContain("subject's line chain (their line manager)");
  });

  it('accepts an investigator from another force for an ACC subject', () => {
    expect(
      codes({ subject: { ...subject, rank: 'ACC' }, candidate: { ...candidate, force: 'yy' } }),
    ).toEqual([]);
  });
});

describe('externalForceRequirement', () => {
  const require = (fields: Partial<TDirectoryEntry>, victimLocalTeam?: string) =>
    externalForceRequirement({
      subject: person('s', fields),
      victimLocalTeam,
      policy: defaultAccessPolicy,
    });

  it.each<[string, Partial<TDirectoryEntry>]>([
    ['a Superintendent', { rank: 'Supt' }],
    ['a Chief Superintendent', { rank: 'ChSupt' }],
    ['a senior member of staff', { rank: 'staff-senior' }],
    ['the chief constable', { rank: 'CC' }],
    ['in PSD', { department: 'psd' }],
    ['in the DA unit', { department: 'domestic-abuse' }],
  ])('requires another force for a subject who is %s', (_label, fields) => {
    expect(require(fields).required).toBe(true);
  });

  it("requires another force when the subject works in the victim's local team", () => {
    expect(require({ team: 'Response North' }, 'Response North')).toEqual({
      required: true,
      reasons: ["the subject works in the victim's local team"],
    });
  });

  it('leaves it an option for a Chief Inspector in response policing', () => {
    expect(require({ rank: 'ChInsp' }, 'Response South')).toEqual({ required: false, reasons: [] });
  });
});

describe('checkAppointment', () => {
  it('refuses a conflicted candidate naming the conflict and offering the external route', () => {
    const result = checkAppointment(input({ subjectChain: ['inv'] }));
    expect(result).toMatchObject({ ok: false, gate: 'gate.investigator-independence' });
    expect(!result.ok && result.reason).toMatch(/line chain.*EXTERNAL_FORCE_REQUESTED/);
  });

  it('routes a Superintendent subject to an external force', () => {
    const result = checkAppointment(input({ subject: { ...subject, rank: 'Supt' } }));
    expect(result).toMatchObject({
      ok: false,
      gate: 'gate.external-referral',
      external: { required: true },
    });
    expect(!result.ok && result.reason).toContain('EXTERNAL_FORCE_REQUESTED');
  });

  it('accepts an investigator from another force when policy requires one', () => {
    expect(
      checkAppointment(
        input({ subject: { ...subject, rank: 'Supt' }, candidate: { ...candidate, force: 'yy' } }),
      ),
    ).toMatchObject({ ok: true, external: { required: true } });
  });
});

describe('checkExternalForce', () => {
  it("refuses the subject's own force", () => {
    expect(checkExternalForce({ force: 'XX', subjectForce: 'xx' }).ok).toBe(false);
    expect(checkExternalForce({ force: 'yy', subjectForce: 'xx' }).ok).toBe(true);
  });
});
