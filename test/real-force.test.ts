import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForce } from './support/force.ts';
import { startHarness, type THarness } from './support/harness.ts';

/**
 * Who acts for a case, on a directory shaped like a real force (support/force.ts): for each
 * kind of subject, exactly one person may take the AA's decisions, every clock rung reaches a
 * person, and the people the case is kept from get 404, logged as barred.
 */
const force = buildForce();
const START = '2027-01-04T10:00:00Z';
const { subjects, holders } = force;

interface TExpected {
  aa: string;
  head: string;
  /** Who takes the vetting route's decisions (the force vetting manager; the PCC for the chief). */
  vetting: string;
  /** Barred by gate.access: the subject, their associates and line managers below chief rank. */
  barred: string[];
  /** Chief officers above the subject who are not barred and do not act: they see nothing. */
  unseen: string[];
}

const VETTING = holders.vettingManager;

// What rules.md "Who acts for the case" says for each subject, worked out by hand.
const EXPECTED: Record<keyof typeof subjects, TExpected> = {
  pc: {
    aa: holders.dcc,
    head: holders.headOfPsd,
    vetting: VETTING,
    barred: [
      subjects.pc,
      'ps-response-north-1-1-1-1',
      'insp-response-north-1-1-1',
      'chinsp-north-1-1',
      'supt-north-1',
      'chsupt-north',
      'dc-da-1-1-1',
    ],
    unseen: ['acc-ops', holders.chiefConstable],
  },
  psdSergeant: {
    // The Head of PSD manages the sergeant's DCI: barred, so the AA takes their part.
    aa: holders.dcc,
    head: holders.dcc,
    vetting: VETTING,
    barred: [subjects.psdSergeant, 'dci-psd-1', holders.headOfPsd],
    unseen: ['acc-standards', holders.chiefConstable],
  },
  superintendent: {
    // The DCC manages them directly: barred and conflicted, so the chief constable acts.
    aa: holders.chiefConstable,
    head: holders.headOfPsd,
    vetting: VETTING,
    barred: [subjects.superintendent, holders.dcc],
    unseen: [],
  },
  acc: {
    aa: holders.chiefConstable,
    head: holders.headOfPsd,
    vetting: VETTING,
    barred: [subjects.acc, holders.dcc],
    unseen: [],
  },
  dcc: {
    aa: holders.chiefConstable,
    head: holders.headOfPsd,
    vetting: VETTING,
    barred: [subjects.dcc],
    unseen: [],
  },
  chiefConstable: {
    // The PCC is the AA in law (PRA 2002 s29); the DCC does not see the chief's case. The
    // chief's vetting is not for a vetting manager they command: the PCC holds it too.
    aa: holders.pcc,
    head: holders.headOfPsd,
    vetting: holders.pcc,
    barred: [subjects.chiefConstable],
    unseen: [holders.dcc, 'acc-ops', 'acc-crime', 'acc-standards'],
  },
};

let h: THarness;
const caseOf = {} as Record<keyof typeof subjects, string>;
const kinds = Object.keys(subjects) as (keyof typeof subjects)[];

beforeAll(async () => {
  h = await startHarness({ start: new Date(START), directory: force });
  for (const kind of kinds) {
    const { caseId } = await h.report(
      { subjectId: subjects[kind], ownerId: force.owner },
      force.owner,
    );
    caseOf[kind] = caseId;
  }
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const post = (personId: string, caseId: string, decision: Record<string, unknown>) =>
  h.as(personId, { method: 'POST', url: `/cases/${caseId}/decisions`, payload: decision });

describe('a real force: someone always acts for the case', () => {
  it('has the shape of a force: hundreds of people, every chain up to the chief constable', () => {
    expect(force.people.length).toBeGreaterThan(300);
    const byId = new Map(force.people.map((person) => [person.id, person]));
    const reachesChief = (id: string) => {
      let at = byId.get(id);
      while (at?.lineManagerId) at = byId.get(at.lineManagerId);
      return at?.id;
    };
    const ours = force.people.filter(
      (person) => person.force === 'xx' && !['opcc', 'audit'].includes(person.department ?? ''),
    );
    expect(ours.filter((person) => reachesChief(person.id) !== holders.chiefConstable)).toEqual([]);
  });

  it.each(kinds)(
    'names one AA, one Head of PSD and one vetting authority for the %s case',
    async (kind) => {
      const view = await h.as(EXPECTED[kind].aa, { method: 'GET', url: `/cases/${caseOf[kind]}` });
      expect(view.statusCode).toBe(200);
      expect(view.json().actingFor).toMatchObject({
        appropriateAuthority: { personId: EXPECTED[kind].aa },
        headOfPsd: { personId: EXPECTED[kind].head },
        vettingAuthority: { personId: EXPECTED[kind].vetting },
      });
      // The vetting authority has no part in a case before its vetting route is opened: the
      // vetting manager cannot tell it exists (the AA holding the part reads it as AA).
      const { vetting, aa } = EXPECTED[kind];
      const seen = await h.as(vetting, { method: 'GET', url: `/cases/${caseOf[kind]}` });
      expect(seen.statusCode).toBe(vetting === aa ? 200 : 404);
    },
  );

  it('lets exactly one person in the force take a vetting decision on a PC case, and only once it is referred: the vetting manager', async () => {
    const { caseId } = await h.report(
      { subjectId: subjects.pc, ownerId: force.owner },
      force.owner,
    );
    // Asked of everyone: an outcome before any notice. Whoever passes access and the rights
    // check is refused by the machine (409); everyone else before it.
    const probe = async () => {
      const passed: string[] = [];
      for (const person of force.people) {
        const response = await post(person.id, caseId, {
          type: 'VETTING_OUTCOME_DECIDED',
          withdrawn: true,
          rationale: 'Probe: who may decide a withdrawal assessment on this case.',
        });
        expect([404, 403, 409, 422], `${person.id}: ${response.body}`).toContain(
          response.statusCode,
        );
        if (response.statusCode === 409) passed.push(person.id);
        else if (response.statusCode === 422) {
          expect(response.json().gate, person.id).toBe('gate.decision-rights');
        }
      }
      return passed;
    };
    // Before the referral the vetting manager has no part in the case: 404, as for everyone
    // with none, logged as refused.
    expect(await probe()).toEqual([]);
    const refused = await h.runtime.db.prisma.accessLogEntry.findMany({
      where: { caseId, personId: VETTING },
    });
    expect(refused.map((entry) => [entry.allowed, entry.reason])).toEqual([
      [false, 'vetting-route-not-open'],
    ]);
    // The AA refers the matter to be dealt with under the Vetting Regulations.
    for (const [personId, decision] of [
      [
        force.owner,
        {
          type: 'MATTER_RECORDED',
          asConductMatter: true,
          asComplaint: false,
          underSchedule3: false,
        },
      ],
      [force.owner, { type: 'REFERRAL_SCREENED', criteria: [] }],
      [holders.dcc, { type: 'SEVERITY_ASSESSED', level: 'refer-to-vetting' }],
    ] as const) {
      const response = await post(personId, caseId, {
        ...decision,
        rationale: 'Recorded to open the vetting route.',
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(await probe()).toEqual([VETTING]);
  });

  it.each(kinds)(
    'lets exactly one person in the force take an AA decision on the %s case',
    async (kind) => {
      // Asked of everyone: a case-to-answer decision before any report passes the rights check
      // only for the AA, whom the machine then refuses (409); everyone else is refused before it.
      const passed: string[] = [];
      for (const person of force.people) {
        const response = await post(person.id, caseOf[kind], {
          type: 'CASE_TO_ANSWER_DECIDED',
          caseToAnswer: true,
          rationale: 'Probe: who may take an AA decision on this case.',
        });
        expect([404, 403, 409, 422], `${person.id}: ${response.body}`).toContain(
          response.statusCode,
        );
        if (response.statusCode === 409) passed.push(person.id);
        else if (response.statusCode === 422) {
          expect(response.json().gate, person.id).toBe('gate.decision-rights');
        }
      }
      expect(passed).toEqual([EXPECTED[kind].aa]);
    },
  );

  it.each(kinds)(
    'keeps the %s case from the people it is kept from, logged as barred',
    async (kind) => {
      const { barred, unseen } = EXPECTED[kind];
      for (const personId of [...barred, ...unseen]) {
        const response = await h.as(personId, { method: 'GET', url: `/cases/${caseOf[kind]}` });
        expect(response.statusCode, personId).toBe(404);
      }
      const entries = await h.runtime.db.prisma.accessLogEntry.findMany({
        where: { caseId: caseOf[kind], route: '/cases/:caseId', allowed: false },
      });
      const reasonOf = new Map(entries.map((entry) => [entry.personId, entry.reason]));
      for (const personId of barred)
        expect(reasonOf.get(personId), personId).toMatch(/^restricted:/);
      for (const personId of unseen) expect(reasonOf.get(personId), personId).toBe('not-assigned');
    },
  );

  it.each(kinds)('lets the AA of the %s case decide, and only them', async (kind) => {
    const caseId = caseOf[kind];
    const recorded = await post(force.owner, caseId, {
      type: 'MATTER_RECORDED',
      asConductMatter: true,
      asComplaint: false,
      rationale: 'Domestic abuse alleged against a serving officer: a conduct matter.',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const assessed = await post(EXPECTED[kind].aa, caseId, {
      type: 'SEVERITY_ASSESSED',
      level: 'gross-misconduct',
      rationale: 'Alleged assault on a partner: would justify dismissal if proven.',
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const event = (await h.engine.listEvents(caseId)).find((e) => e.type === 'severity.assessed');
    expect(event).toMatchObject({ actorId: EXPECTED[kind].aa, actorRole: 'appropriate-authority' });
  });

  it('sends every rung of every case to a person: none dropped, none stood in', async () => {
    await h.time.advanceBy(100 * 24 * 3600 * 1000);
    for (const kind of kinds) {
      const rungs = (await h.engine.listEvents(caseOf[kind])).filter((event) =>
        event.type.startsWith('clock.'),
      );
      expect(rungs.length, kind).toBeGreaterThan(0);
      for (const rung of rungs) {
        const payload = rung.payload as {
          notified: { role: string; personId: string }[];
          standIns?: unknown;
        };
        expect(payload.notified.length, `${kind} ${rung.ruleId}`).toBeGreaterThan(0);
        expect(payload.standIns, `${kind} ${rung.ruleId}`).toBeUndefined();
        for (const told of payload.notified) {
          if (told.role === 'appropriate-authority') expect(told.personId).toBe(EXPECTED[kind].aa);
          if (told.role === 'head-of-psd') expect(told.personId).toBe(EXPECTED[kind].head);
          expect(EXPECTED[kind].barred, `${kind}: ${told.personId}`).not.toContain(told.personId);
        }
      }
    }
  });

  it('puts the AA tasks of each case in the inbox of whoever acts as its AA', async () => {
    for (const kind of kinds) {
      const tasks = await h.runtime.db.prisma.task.findMany({
        where: { caseId: caseOf[kind], ruleId: 'oversight.board-review' },
      });
      expect(tasks.length, kind).toBeGreaterThan(0);
      for (const task of tasks) expect(task.assigneeId, kind).toBe(EXPECTED[kind].aa);
    }
  });
});
