import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { isNoticeAbout } from './support/mail.ts';
import { ACC_UNDER_THE_AA, EMAIL } from './support/people.ts';

// Mon 3 Mar 2025 10:00 London.
const START = new Date('2025-03-03T10:00:00.000Z');
const RATIONALE = 'DS Owner starts long leave: the case moves to DS Investigator.';

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ start: START });
});
afterAll(async () => {
  await h?.close();
});

const get = (as: string, url: string) => h.as(as, { method: 'GET', url });
const assign = (caseId: string, personId: string, role: string, as = 'head-1') =>
  h.as(as, {
    method: 'POST',
    url: `/cases/${caseId}/assignments`,
    payload: { personId, role, rationale: RATIONALE },
  });

async function openTaskCases(personId: string) {
  const response = await get(personId, `/people/${personId}/tasks`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { caseId: string }[]).map((task) => task.caseId);
}

describe('moving a case to another owner', () => {
  it('makes them the owner: the old owner leaves the case, their tasks and clock mail follow', async () => {
    const { caseId, reference } = await h.report();
    expect(await openTaskCases('inv-1')).toContain(caseId);

    expect((await assign(caseId, 'inv-2', 'owner')).statusCode).toBe(201);

    expect((await get('inv-2', `/cases/${caseId}`)).json()).toMatchObject({ ownerId: 'inv-2' });
    expect(await openTaskCases('inv-2')).toContain(caseId);
    expect(await openTaskCases('inv-1')).not.toContain(caseId);
    // Need-to-know: the old owner no longer sees the case.
    expect((await get('inv-1', `/cases/${caseId}`)).statusCode).toBe(404);
    const assignments = (await get('head-1', `/cases/${caseId}/assignments`)).json() as {
      personId: string;
      role: string;
      endedAt: string | null;
    }[];
    expect(
      assignments
        .filter((entry) => entry.role === 'owner')
        .map(({ personId, endedAt }) => ({
          personId,
          ended: endedAt !== null,
        })),
    ).toEqual([
      { personId: 'inv-1', ended: true },
      { personId: 'inv-2', ended: false },
    ]);
    const events = await h.engine.listEvents(caseId);
    expect(events.at(-1)).toMatchObject({
      type: 'assignment.made',
      actorId: 'head-1',
      rationale: RATIONALE,
      payload: { personId: 'inv-2', role: 'owner', previousPersonId: 'inv-1' },
    });

    // Wed 5 Mar 09:00: the record decision's clock has rung for its owner, now inv-2.
    await h.time.advanceTo(new Date('2025-03-05T09:00:00.000Z'));
    const clockMail = h.sink
      .messages()
      .filter((mail) => isNoticeAbout(mail, reference, 'record.decision'));
    const recipients = clockMail.flatMap((mail) => mail.to);
    expect(recipients).toContain('investigator@psd.test');
    expect(recipients).not.toContain(EMAIL.owner);
  });

  it('moves the supervisor too; ending the supervisor falls back to the line manager', async () => {
    const { caseId } = await h.report({ supervisorId: 'sup-1' });
    expect((await assign(caseId, 'head-1', 'supervisor')).statusCode).toBe(201);
    expect((await get('head-1', `/cases/${caseId}`)).json()).toMatchObject({
      ownerId: 'inv-1',
      supervisorId: 'head-1',
    });
    const supervising = (
      (await get('head-1', `/cases/${caseId}/assignments`)).json() as {
        assignmentId: string;
        role: string;
        endedAt: string | null;
      }[]
    ).find((entry) => entry.role === 'supervisor' && entry.endedAt === null);
    const ended = await h.as('head-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments/${supervising?.assignmentId}/end`,
      payload: { rationale: 'Supervision returns to the line manager.' },
    });
    expect(ended.statusCode).toBe(200);
    expect((await get('head-1', `/cases/${caseId}`)).json()).toMatchObject({ supervisorId: null });
  });

  it("refuses to end the owner's assignment without a new owner, and changes nothing", async () => {
    const { caseId } = await h.report();
    const before = await h.engine.listEvents(caseId);
    const owning = (
      (await get('head-1', `/cases/${caseId}/assignments`)).json() as {
        assignmentId: string;
        role: string;
      }[]
    ).find((entry) => entry.role === 'owner');
    const refused = await h.as('head-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments/${owning?.assignmentId}/end`,
      payload: { rationale: 'Trying to leave the case without an owner.' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/always has an owner/);
    expect(await h.engine.listEvents(caseId)).toEqual(before);
    expect((await get('inv-1', `/cases/${caseId}`)).json()).toMatchObject({ ownerId: 'inv-1' });
  });
});

describe("whose inbox a clock's task is in", () => {
  it("puts a decision the AA owes in the AA's inbox, not the owner's; the PCC's for a chief officer", async () => {
    const rationale = 'Recorded and assessed for the inbox test.';
    const open = async (subjectId: string, chiefOfficer = false) => {
      const { caseId } = await h.report({ subjectId });
      for (const decision of [
        { type: 'MATTER_RECORDED', asConductMatter: true, asComplaint: false },
        { type: 'SEVERITY_ASSESSED', level: 'gross-misconduct' },
      ]) {
        const decider = h.deciderFor(decision.type, { chiefOfficer });
        const decided = await h.decide(caseId, { ...decision, rationale }, decider);
        expect(decided.statusCode, decided.body).toBe(200);
      }
      return caseId;
    };
    const tasksOf = async (personId: string, caseId: string) =>
      ((await get(personId, `/people/${personId}/tasks`)).json() as TTask[])
        .filter((task) => task.caseId === caseId)
        .map((task) => task.ruleId);

    const officers = await open('subj-1');
    expect(await tasksOf('aa-1', officers)).toContain('investigator.appointment');
    expect(await tasksOf('inv-1', officers)).not.toContain('investigator.appointment');
    // The owner's own clocks stay theirs.
    expect((await tasksOf('inv-1', officers)).length).toBeGreaterThan(0);

    const chiefs = await open('cc-1', true);
    expect(await tasksOf('pcc-1', chiefs)).toContain('investigator.appointment');
    expect(await tasksOf('aa-1', chiefs)).not.toContain('investigator.appointment');
  });
});

describe("reading another person's inbox", () => {
  it('never shows a task on a case kept from the reader', async () => {
    await h.engine.importDirectory({ people: [ACC_UNDER_THE_AA] }, { actorId: 'ops-1' });
    const { caseId } = await h.report({ subjectId: ACC_UNDER_THE_AA.id });
    const seenBy = async (reader: string) =>
      ((await get(reader, '/people/inv-1/tasks')).json() as TTask[]).some(
        (task) => task.caseId === caseId,
      );
    expect(await seenBy('inv-1')).toBe(true);
    expect(await seenBy('head-1')).toBe(true);
    // The AA line-manages the subject: the case, and so its tasks, are kept from them.
    expect(await seenBy('aa-1')).toBe(false);
  });
});

interface TTask {
  caseId: string;
  ruleId: string;
}
