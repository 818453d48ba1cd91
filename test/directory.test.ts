import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';
import { PEOPLE } from './support/people.ts';

const HEADER = 'id,displayName,email,roles,rank,force,department,team,lineManagerId';

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ start: new Date('2025-03-03T10:00:00Z'), workers: false });
});
afterAll(async () => {
  await h.close();
});

const importCsv = (personId: string, csv: string) =>
  h.api.inject({
    method: 'POST',
    url: '/directory/import',
    headers: { ...h.headersFor(personId), 'content-type': 'text/csv' },
    payload: csv,
  });

describe('directory import', () => {
  it('refuses a file with any bad row, listing each with its row, field and rule, and writes nothing', async () => {
    const csv = [
      HEADER,
      'pc-10,PC Ten,pc10@force.test,,PC,xx,response,response-east,ps-10',
      'ps-10,PS Ten,not-an-email,,PS,xx,response,response-east,',
      'dc-11,DC Eleven,dc11@force.test,investigator;wizard,DC,xx,cid,cid-east,',
      'dc-12,DC Twelve,dc12@force.test,,Constable,xx,cid,cid-east,nobody',
      'pc-10,PC Ten Again,pc10b@force.test,,PC,xx,response,response-east,',
    ].join('\n');
    const response = await importCsv('ops-1', csv);
    expect(response.statusCode).toBe(400);
    const issues = response.json().issues.map(({ row, field, rule }: Record<string, unknown>) => ({
      row,
      field,
      rule,
    }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { row: 3, field: 'email', rule: 'invalid_format' },
        { row: 4, field: 'roles.1', rule: 'invalid_value' },
        { row: 5, field: 'rank', rule: 'invalid_value' },
        { row: 6, field: 'id', rule: 'unique' },
      ]),
    );
    expect(issues).toHaveLength(4);
    expect(
      await h.runtime.db.prisma.person.count({ where: { id: { in: ['pc-10', 'ps-10'] } } }),
    ).toBe(0);
  });

  it('checks line managers and associates against the directory', async () => {
    const csv = [HEADER, 'dc-12,DC Twelve,dc12@force.test,,DC,xx,cid,cid-east,nobody'].join('\n');
    const response = await importCsv('aa-1', csv);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ row: 2, field: 'lineManagerId', rule: 'known-person' }),
    ]);
    const loop = await h.engine
      .importDirectory(
        {
          people: [
            {
              id: 'x-1',
              displayName: 'X One',
              email: 'x1@force.test',
              rank: 'PC',
              force: 'xx',
              lineManagerId: 'x-2',
            },
            {
              id: 'x-2',
              displayName: 'X Two',
              email: 'x2@force.test',
              rank: 'PS',
              force: 'xx',
              lineManagerId: 'x-1',
            },
          ],
          associations: [{ personId: 'x-1', associateId: 'ghost', reason: 'Old friends.' }],
        },
        { actorId: 'ops-1' },
      )
      .catch((error: { details: { issues: unknown[] } }) => error.details.issues);
    expect(loop).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, field: 'lineManagerId', rule: 'no-cycle' }),
        expect.objectContaining({ row: 1, field: 'associateId', rule: 'known-person' }),
      ]),
    );
  });

  it('imports people and then associations from CSV, updating existing people in place', async () => {
    const people = [
      HEADER,
      'ps-20,PS Twenty,ps20@force.test,,PS,xx,response,response-west,',
      'pc-20,"PC Twenty, Jr",pc20@force.test,,PC,xx,response,response-west,ps-20',
      // Roles left out (or exactly as held) are fine: the feed does not carry them.
      'inv-1,DS Test Owner,owner@psd.test,investigator,DS,xx,psd,psd-investigations,sup-1',
    ].join('\n');
    const imported = await importCsv('ops-1', people);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ people: 3, associations: 0, changes: 2, casesRecorded: 0 });
    const associations = [
      'personId,associateId,reason',
      'pc-20,inv-2,Neighbours and close friends.',
    ];
    const declared = await importCsv('ops-1', associations.join('\n'));
    expect(declared.json()).toEqual({ people: 0, associations: 1, changes: 1, casesRecorded: 0 });

    const prisma = h.runtime.db.prisma;
    expect(await prisma.person.findUniqueOrThrow({ where: { id: 'pc-20' } })).toMatchObject({
      displayName: 'PC Twenty, Jr',
      lineManagerId: 'ps-20',
      rank: 'PC',
    });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: 'inv-1' } })).roles).toEqual([
      'investigator',
    ]);
    // The association now keeps inv-2 from any case about pc-20.
    const { caseId } = await h.report({ subjectId: 'pc-20', supervisorId: 'sup-1' });
    const assign = await h.as('sup-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments`,
      payload: { personId: 'inv-2', role: 'investigator', rationale: 'A second investigator.' },
    });
    expect(assign.statusCode).toBe(422);
  });

  it('is for ops and the AA only', async () => {
    const response = await importCsv('inv-1', `${HEADER}\n`);
    expect(response.statusCode).toBe(403);
  });
});

const grant = (as: string, personId: string, body: Record<string, unknown>) =>
  h.as(as, { method: 'POST', url: `/directory/people/${personId}/roles`, payload: body });

const changesAs = (as: string, query = '') =>
  h.as(as, { method: 'GET', url: `/directory/changes${query}` });

const directoryChanged = async (caseId: string) =>
  (await h.engine.listEvents(caseId)).filter((event) => event.type === 'directory.changed');

/** A test person's row as the feed sends it, with fields changed. */
const feedRow = (id: string, change: Record<string, string>) => {
  const person = PEOPLE.find((candidate) => candidate.id === id);
  if (!person) throw new Error(`no test person ${id}`);
  const { roles: _roles, ...fields } = person;
  return { ...fields, ...change };
};

describe('directory changes cannot grant access (issue 12)', () => {
  it('refuses the ops-import attack whole: no role, no line-manager move, no case read', async () => {
    const { caseId } = await h.report({ supervisorId: 'sup-1' });
    const prisma = h.runtime.db.prisma;
    const changesBefore = await prisma.directoryChange.count();
    const eventsBefore = (await h.engine.listEvents(caseId)).length;
    const attack = await h.as('ops-1', {
      method: 'POST',
      url: '/directory/import',
      payload: {
        people: [
          {
            ...feedRow('ops-1', {}),
            roles: ['ops', 'appropriate-authority', 'investigator', 'victim-spoc'],
          },
          feedRow('subj-1', { lineManagerId: 'insp-1' }),
          {
            id: 'ghost-aa',
            displayName: 'New Starter',
            email: 'ghost@force.test',
            roles: ['appropriate-authority'],
            rank: 'staff',
            force: 'xx',
          },
        ],
      },
    });
    expect(attack.statusCode).toBe(400);
    const issues = attack.json().issues.map(({ row, field, rule }: Record<string, unknown>) => ({
      row,
      field,
      rule,
    }));
    expect(issues).toEqual([
      { row: 1, field: 'roles', rule: 'role-grant' },
      { row: 3, field: 'roles', rule: 'role-grant' },
    ]);
    expect(attack.json().message).toMatch(/granted by the appropriate authority with a rationale/);
    // Nothing written: not the roles, not the move in the same file, no change row, no event.
    expect((await prisma.person.findUniqueOrThrow({ where: { id: 'ops-1' } })).roles).toEqual([
      'ops',
    ]);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: 'subj-1' } })).lineManagerId).toBe(
      'sgt-1',
    );
    expect(await prisma.person.count({ where: { id: 'ghost-aa' } })).toBe(0);
    expect(await prisma.directoryChange.count()).toBe(changesBefore);
    expect(await h.engine.listEvents(caseId)).toHaveLength(eventsBefore);
    // And ops still cannot put themselves on the case or read the victim.
    const assign = await h.as('ops-1', {
      method: 'POST',
      url: `/cases/${caseId}/assignments`,
      payload: { personId: 'ops-1', role: 'victim-spoc', rationale: 'Assigning myself to it.' },
    });
    expect(assign.statusCode).toBe(404);
    const victim = await h.as('ops-1', { method: 'GET', url: `/cases/${caseId}/victim` });
    expect(victim.statusCode).toBe(404);
  });

  it('refuses a second bootstrap once anyone holds a role', async () => {
    const refused = await h.engine
      .importDirectory({ people: [] }, { actorId: 'ops-1', bootstrap: true })
      .catch((error: { details: { issues: unknown[] } }) => error.details.issues);
    expect(refused).toEqual([expect.objectContaining({ rule: 'bootstrap-once' })]);
  });

  it('refuses a role grant without a rationale, naming the field', async () => {
    const missing = await grant('aa-1', 'inv-2', { action: 'grant', role: 'victim-spoc' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toEqual([expect.objectContaining({ field: 'body.rationale' })]);
    const short = await grant('aa-1', 'inv-2', {
      action: 'grant',
      role: 'victim-spoc',
      rationale: 'ok',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues).toEqual([expect.objectContaining({ field: 'body.rationale' })]);
  });

  it('refuses self-grants, grants beyond the grantor and offices outside the force gift', async () => {
    const rationale = 'Needed to cover the SPOC rota over the holidays.';
    const self = await grant('aa-1', 'aa-1', { action: 'grant', role: 'victim-spoc', rationale });
    expect(self.statusCode).toBe(403);
    expect(self.json().gate).toBe('directory.self-grant');
    const headSelf = await grant('head-1', 'head-1', {
      action: 'grant',
      role: 'investigator',
      rationale,
    });
    expect(headSelf.json().gate).toBe('directory.self-grant');
    const headMakesAa = await grant('head-1', 'sup-1', {
      action: 'grant',
      role: 'appropriate-authority',
      rationale,
    });
    expect(headMakesAa.statusCode).toBe(403);
    expect(headMakesAa.json().gate).toBe('directory.grant-authority');
    const pcc = await grant('aa-1', 'inv-2', { action: 'grant', role: 'pcc', rationale });
    expect(pcc.json().gate).toBe('directory.outside-gift');
    const ops = await grant('ops-1', 'inv-2', { action: 'grant', role: 'investigator', rationale });
    expect(ops.statusCode).toBe(403);
    expect(
      (await h.runtime.db.prisma.person.findUniqueOrThrow({ where: { id: 'sup-1' } })).roles,
    ).toEqual(['psd-supervisor']);
  });

  it('records a grant with who, when, before, after and rationale, listed to the AA and oversight', async () => {
    const granted = await grant('aa-1', 'inv-2', {
      action: 'grant',
      role: 'victim-spoc',
      rationale: 'Covers the SPOC rota while spoc-1 is on leave.',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ roles: ['investigator', 'victim-spoc'], movedFrom: [] });
    const byHead = await grant('head-1', 'inv-2', {
      action: 'grant',
      role: 'psd-supervisor',
      rationale: 'Acting DI while the team is short.',
    });
    expect(byHead.statusCode, byHead.body).toBe(200);

    const listed = await changesAs('auditor-1', '?personId=inv-2');
    expect(listed.statusCode).toBe(200);
    const grants = listed
      .json()
      .changes.filter((change: { source: string }) => change.source === 'role-grant');
    expect(grants).toEqual([
      expect.objectContaining({
        by: 'aa-1',
        source: 'role-grant',
        kind: 'role.granted',
        personId: 'inv-2',
        before: { roles: ['investigator'] },
        after: { roles: ['investigator', 'victim-spoc'], role: 'victim-spoc' },
        rationale: 'Covers the SPOC rota while spoc-1 is on leave.',
        at: h.clock.now().toISOString(),
      }),
      expect.objectContaining({ by: 'head-1', kind: 'role.granted' }),
    ]);
    expect((await changesAs('ops-1')).statusCode).toBe(403);
    expect((await changesAs('inv-1')).statusCode).toBe(403);
    expect((await changesAs('pcc-1', '?personId=inv-2')).statusCode).toBe(200);
  });

  it('lists the bootstrap like any other change, a keyset page at a time', async () => {
    const first = await changesAs('aa-1', '?limit=2');
    expect(first.json().changes).toEqual([
      expect.objectContaining({ source: 'bootstrap', by: 'test-seed', kind: 'person.created' }),
      expect.objectContaining({ source: 'bootstrap' }),
    ]);
    const { nextCursor } = first.json();
    expect(nextCursor).toEqual(first.json().changes[1].id);
    const second = await changesAs('aa-1', `?limit=2&cursor=${nextCursor}`);
    expect(BigInt(second.json().changes[0].id)).toBeGreaterThan(BigInt(nextCursor));
    const since = await changesAs(
      'aa-1',
      `?since=${encodeURIComponent(h.clock.now().toISOString())}`,
    );
    expect(since.statusCode).toBe(200);
  });

  it("ends a leaver's access at once and lists their cases and tasks for reassignment", async () => {
    const starter = {
      id: 'inv-9',
      displayName: 'DS Nine',
      email: 'nine@psd.test',
      rank: 'DS',
      force: 'xx',
      department: 'psd',
      team: 'psd-investigations',
      lineManagerId: 'sup-1',
    };
    expect(
      (await h.engine.importDirectory({ people: [starter] }, { actorId: 'ops-1' })).changes,
    ).toBe(1);
    const granted = await grant('head-1', 'inv-9', {
      action: 'grant',
      role: 'investigator',
      rationale: 'Joined PSD investigations this week.',
    });
    expect(granted.statusCode).toBe(200);
    const { caseId, reference } = await h.report({ ownerId: 'inv-9', supervisorId: 'sup-1' });
    const token = await h.mintHeaders('inv-9');
    const me = () => h.api.inject({ method: 'GET', url: '/me', headers: token });
    expect((await me()).statusCode).toBe(200);

    const left = await importCsv(
      'ops-1',
      [
        `${HEADER},leftAt`,
        'inv-9,DS Nine,nine@psd.test,,DS,xx,psd,psd-investigations,sup-1,2025-03-03',
      ].join('\n'),
    );
    expect(left.statusCode, left.body).toBe(200);
    expect((await me()).statusCode).toBe(401);
    const person = await h.runtime.db.prisma.person.findUniqueOrThrow({ where: { id: 'inv-9' } });
    expect(person).toMatchObject({ roles: [], leftAt: new Date('2025-03-03T00:00:00Z') });
    const leftChange = (await changesAs('aa-1', '?personId=inv-9')).json().changes.at(-1);
    expect(leftChange).toMatchObject({
      kind: 'person.left',
      source: 'hr-feed',
      by: 'ops-1',
      before: { leftAt: null, roles: ['investigator'] },
      after: { leftAt: '2025-03-03', roles: [] },
    });

    const leavers = await h.as('head-1', { method: 'GET', url: '/directory/leavers' });
    expect(leavers.statusCode).toBe(200);
    const nine = leavers
      .json()
      .leavers.find((entry: { personId: string }) => entry.personId === 'inv-9');
    expect(nine.cases).toEqual(expect.arrayContaining([{ caseId, reference, part: 'owner' }]));
    expect(nine.openTasks.length).toBeGreaterThan(0);
    expect(nine.openTasks.every((task: { caseId: string }) => task.caseId === caseId)).toBe(true);
    expect((await h.as('ops-1', { method: 'GET', url: '/directory/leavers' })).statusCode).toBe(
      403,
    );
    // A leaver cannot be granted a role, nor put on a case.
    const regrant = await grant('aa-1', 'inv-9', {
      action: 'grant',
      role: 'investigator',
      rationale: 'Trying to give a leaver access back.',
    });
    expect(regrant.statusCode).toBe(422);
    expect(regrant.json().gate).toBe('directory.leaver');
  });

  it('records a line-manager move on the affected case and not on an unaffected one', async () => {
    const affected = await h.report({ subjectId: 'subj-1', supervisorId: 'sup-1' });
    const unaffected = await h.report({ subjectId: 'supt-1', supervisorId: 'sup-1' });
    const moved = await h.engine.importDirectory(
      {
        people: [
          {
            id: 'sgt-9',
            displayName: 'PS Nine',
            email: 'sgt9@force.test',
            rank: 'PS',
            force: 'xx',
            department: 'response',
            team: 'response-north',
            lineManagerId: 'insp-1',
          },
          feedRow('subj-1', { lineManagerId: 'sgt-9' }),
        ],
      },
      { actorId: 'ops-1' },
    );
    expect(moved.casesRecorded).toBeGreaterThanOrEqual(1);
    const [event] = await directoryChanged(affected.caseId);
    expect(event).toMatchObject({
      actorId: 'system',
      payload: expect.objectContaining({
        source: 'hr-feed',
        by: 'ops-1',
        barredAdded: ['sgt-9'],
        barredRemoved: ['sgt-1'],
      }),
    });
    expect(event?.rationale).toMatch(/person\.updated subj-1/);
    expect(await directoryChanged(unaffected.caseId)).toEqual([]);
    // The chain still verifies with the event in it, and the new sergeant is kept out.
    const verified = await h.as('aa-1', { method: 'GET', url: `/cases/${affected.caseId}/verify` });
    expect(verified.json()).toMatchObject({ intact: true, firstBroken: null });
    const sergeant = await h.api.inject({
      method: 'GET',
      url: `/cases/${affected.caseId}`,
      headers: await h.mintHeaders('sgt-9'),
    });
    expect(sergeant.statusCode).toBe(404);
  });

  it('moves a singular role rather than duplicating it', async () => {
    const moved = await grant('aa-1', 'sup-1', {
      action: 'grant',
      role: 'head-of-psd',
      rationale: 'Head of PSD retires; the DI acts up from today.',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ movedFrom: ['head-1'] });
    const holders = await h.runtime.db.prisma.person.findMany({
      where: { roles: { has: 'head-of-psd' } },
    });
    expect(holders.map((person) => person.id)).toEqual(['sup-1']);
  });
});
