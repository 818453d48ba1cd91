import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

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
      .importDirectory({
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
      })
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
      'inv-1,DS Test Owner,owner@psd.test,investigator;psd-supervisor,DS,xx,psd,psd-investigations,sup-1',
    ].join('\n');
    const imported = await importCsv('ops-1', people);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ people: 3, associations: 0 });
    const associations = [
      'personId,associateId,reason',
      'pc-20,inv-2,Neighbours and close friends.',
    ];
    const declared = await importCsv('ops-1', associations.join('\n'));
    expect(declared.json()).toEqual({ people: 0, associations: 1 });

    const prisma = h.runtime.db.prisma;
    expect(await prisma.person.findUniqueOrThrow({ where: { id: 'pc-20' } })).toMatchObject({
      displayName: 'PC Twenty, Jr',
      lineManagerId: 'ps-20',
      rank: 'PC',
    });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: 'inv-1' } })).roles).toEqual([
      'investigator',
      'psd-supervisor',
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
