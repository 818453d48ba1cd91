import { PERSON_ROLES, type TPersonRole } from '@ppda/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

/**
 * The authorization matrix, from ONE table: every role × every route × the caller's relation
 * to the case. Each cell is what the API must answer:
 *   ok     a 2xx            404  as for a case that does not exist
 *   403    forbidden         dr   422 gate.decision-rights   gr  422 gate.recording
 *   nc     422 directory.no-change: a role change past every authority check that changes nothing
 *   in/out a list answered 200 with / without the case in it
 * (gate.recording is the machine refusing an empty recording: proof the request got past
 * every access check without changing anything.)
 * Columns: investigator, psd-supervisor, head-of-psd, appropriate-authority, chief-constable,
 * pcc, victim-spoc, criminal-oic, ops, oversight, auditor, iopc, vetting-authority. Each cell: assigned /
 * unassigned / restricted-against-you (assigned, and a declared associate of the subject).
 * The head-of-psd and appropriate-authority columns are the people who act for the cases
 * (head-1, aa-1); the chief constable (cc-1) does not act for them, so holds no part on them.
 * The vetting authority (m-vetting-authority, the only holder) acts for the two cases it is not
 * restricted from, but has no part in them until their vetting route is opened (none is, here):
 * unassigned it cannot tell they exist (404, left out of the list); assigned it reads them and
 * decides only the vetting route, so a PSD decision is refused it by gate.decision-rights; on
 * the restricted case (a declared associate) it is passed over and sees nothing. Once the route
 * is open it reads the case unassigned: test/law-on-the-day.test.ts.
 */
const ROLES = [
  'investigator',
  'psd-supervisor',
  'head-of-psd',
  'appropriate-authority',
  'chief-constable',
  'pcc',
  'victim-spoc',
  'criminal-oic',
  'ops',
  'oversight',
  'auditor',
  'iopc',
  'vetting-authority',
] as const satisfies readonly TPersonRole[];

// biome-ignore format: the table is read as a grid
const MATRIX: Record<string, string> = {
  //                                   inv         sup         head        aa          cc          pcc         spoc        oic         ops         oversight   auditor     iopc        vetting
  'GET /cases/:id':                   'ok/404/404  ok/404/404  ok/ok/404   ok/ok/404   403/404/404 ok/ok/404   ok/404/404  ok/404/404  403/404/404 ok/ok/404   ok/ok/404   ok/ok/404   ok/404/404',
  'GET /cases/:id/events':            'ok/404/404  ok/404/404  ok/ok/404   ok/ok/404   403/404/404 ok/ok/404   ok/404/404  ok/404/404  403/404/404 ok/ok/404   ok/ok/404   ok/ok/404   ok/404/404',
  'GET /cases/:id/clocks':            'ok/404/404  ok/404/404  ok/ok/404   ok/ok/404   403/404/404 ok/ok/404   ok/404/404  ok/404/404  403/404/404 ok/ok/404   ok/ok/404   ok/ok/404   ok/404/404',
  'GET /cases/:id/assignments':       'ok/404/404  ok/404/404  ok/ok/404   ok/ok/404   403/404/404 ok/ok/404   ok/404/404  ok/404/404  403/404/404 ok/ok/404   ok/ok/404   ok/ok/404   ok/404/404',
  'POST /cases/:id/decisions':        'gr/404/404  gr/404/404  gr/gr/404   gr/gr/404   403/404/404 dr/dr/404   dr/404/404  dr/404/404  403/404/404 403/403/404 403/403/404 403/403/404 dr/404/404',
  'POST /cases/:id/assignments':      '403/404/404 ok/404/404  ok/ok/404   ok/ok/404   403/404/404 403/403/404 403/404/404 403/404/404 403/404/404 403/403/404 403/403/404 403/403/404 403/404/404',
  'GET /cases/:id/verify':            '403/404/404 403/404/404 403/403/404 ok/ok/404   403/404/404 ok/ok/404   403/404/404 403/404/404 403/404/404 ok/ok/404   ok/ok/404   ok/ok/404   403/404/404',
  'GET /cases/:id/victim':            'ok/404/404  403/404/404 403/403/404 403/403/404 403/404/404 403/403/404 ok/404/404  ok/404/404  403/404/404 403/403/404 403/403/404 403/403/404 403/404/404',
  'PUT /cases/:id/victim':            'ok/404/404  403/404/404 403/403/404 403/403/404 403/404/404 403/403/404 ok/404/404  ok/404/404  403/404/404 403/403/404 403/403/404 403/403/404 403/404/404',
  'GET /access-log?caseId=:id':       '403/404/404 403/404/404 403/403/404 ok/ok/404   403/404/404 ok/ok/404   403/404/404 403/404/404 403/404/404 ok/ok/404   ok/ok/404   ok/ok/404   403/404/404',
  'POST /cases':                      'ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403',
  'GET /access-log':                  '403/403/403 403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403 403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403',
  'POST /directory/import':           '403/403/403 403/403/403 403/403/403 ok/ok/ok    403/403/403 403/403/403 403/403/403 403/403/403 ok/ok/ok    403/403/403 403/403/403 403/403/403 403/403/403',
  'GET /people/:me/tasks':            'ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok',
  'GET /ops/queues':                  '403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 ok/ok/ok    403/403/403 403/403/403 403/403/403 403/403/403',
  'GET /cases?status=all&limit=200': 'in/out/out  in/out/out  in/in/out   in/in/out   out/out/out in/in/out   in/out/out  in/out/out  403/403/403 in/in/out   in/in/out   in/in/out   in/out/out',
  'GET /audit':                       '403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403 403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403',
  'GET /metrics':                     '403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 ok/ok/ok    403/403/403 403/403/403 403/403/403 403/403/403',
  'GET /directory/changes':           '403/403/403 403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403 403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    ok/ok/ok    403/403/403',
  'GET /directory/leavers':           '403/403/403 403/403/403 ok/ok/ok    ok/ok/ok    403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403',
  'POST /directory/people/:spare/roles': '403/403/403 403/403/403 nc/nc/nc    nc/nc/nc    nc/nc/nc    403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403 403/403/403',
};

const RELATIONS = ['assigned', 'unassigned', 'restricted'] as const;
type TRelation = (typeof RELATIONS)[number];

function requestFor(route: string, caseId: string, me: string, subjectId: string) {
  const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT', string];
  const url = path.replace(':id', caseId).replace(':me', me).replace(':spare', SPARE.id);
  const payloads: Record<string, unknown> = {
    'POST /cases/:id/decisions': {
      type: 'MATTER_RECORDED',
      asConductMatter: false,
      asComplaint: false,
      rationale: 'Recorded as neither: the machine must refuse it.',
    },
    'POST /cases/:id/assignments': {
      personId: 'm-spare',
      role: 'investigator',
      rationale: 'A second investigator to share the work.',
    },
    'PUT /cases/:id/victim': {
      name: 'Matrix Victim',
      contact: { phone: '07700 900123' },
      preferences: { channel: 'phone' },
    },
    'POST /cases': {
      subjectId,
      ownerId: 'inv-1',
      conductDate: '2025-01-06',
      conductDateSource: 'victim-account',
    },
    'POST /directory/import': { people: [SPARE] },
    'POST /directory/people/:spare/roles': {
      action: 'revoke',
      role: 'psd-supervisor',
      rationale: 'Revoking a role the spare never held: the matrix checks authority only.',
    },
  };
  return { method, url, payload: payloads[route] };
}

function expectedStatus(
  cell: string,
  status: number,
  body: { gate?: string; cases?: { caseId: string }[] },
  caseId: string,
): boolean {
  const listed = () => body.cases?.some((entry) => entry.caseId === caseId);
  switch (cell) {
    case 'ok':
      return status >= 200 && status < 300;
    case 'in':
      return status === 200 && listed() === true;
    case 'out':
      return status === 200 && listed() === false;
    case 'dr':
      return status === 422 && body.gate === 'gate.decision-rights';
    case 'nc':
      return status === 422 && body.gate === 'directory.no-change';
    case 'gr':
      return status === 422 && body.gate === 'gate.recording';
    default:
      return status === Number(cell);
  }
}

const SPARE = {
  id: 'm-spare',
  displayName: 'DS Matrix Spare',
  email: 'spare@matrix.test',
  roles: ['investigator'],
  rank: 'DS',
  force: 'xx',
  department: 'psd',
  team: 'matrix-spare',
};

/** The people who act for the cases stand in their columns; the others are made for the test. */
const ACTING: Partial<Record<TPersonRole, string>> = {
  'head-of-psd': 'head-1',
  'appropriate-authority': 'aa-1',
  'chief-constable': 'cc-1',
};
const personOf = (role: TPersonRole) => ACTING[role] ?? `m-${role}`;

let h: THarness;
const cases: Record<TRelation, { caseId: string; subjectId: string }> = {} as never;

beforeAll(async () => {
  const subjects = RELATIONS.map((relation) => ({
    id: `m-subject-${relation}`,
    displayName: `PC Matrix ${relation}`,
    email: `${relation}@matrix.test`,
    rank: 'PC',
    force: 'xx',
    department: 'response',
    team: 'response-south',
  }));
  // Roles come only with the bootstrap or a grant: the matrix people are part of the first.
  h = await startHarness({
    start: new Date('2025-03-03T10:00:00Z'),
    morePeople: {
      people: [
        SPARE,
        ...subjects,
        ...ROLES.filter((role) => !ACTING[role]).map((role) => ({
          id: personOf(role),
          displayName: `Matrix ${role}`,
          email: `${role}@matrix.test`,
          roles: [role],
          rank: 'DS',
          force: 'xx',
          team: `matrix-${role}`,
        })),
      ],
    },
  });
  const prisma = h.runtime.db.prisma;
  for (const relation of RELATIONS) {
    const subjectId = `m-subject-${relation}`;
    const { caseId } = await h.report({ subjectId });
    cases[relation] = { caseId, subjectId };
    if (relation === 'unassigned') continue;
    // Assigned directly: the API would (rightly) refuse to assign someone restricted.
    await prisma.caseAssignment.createMany({
      data: ROLES.map((role) => ({
        caseId,
        personId: personOf(role),
        role: 'investigator',
        assignedAt: h.clock.now(),
        assignedBy: 'matrix-test',
      })),
    });
  }
  // Declared after the assignment: an association still overrides it.
  await h.engine.importDirectory(
    {
      associations: ROLES.map((role) => ({
        personId: cases.restricted.subjectId,
        associateId: personOf(role),
        reason: 'Declared association for the matrix test.',
      })),
    },
    { actorId: 'ops-1' },
  );
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('authorization matrix', () => {
  it('covers every role and relation in each row', () => {
    expect([...ROLES].sort()).toEqual([...PERSON_ROLES].sort());
    for (const [route, row] of Object.entries(MATRIX)) {
      const cells = row.trim().split(/\s+/);
      expect(cells, route).toHaveLength(ROLES.length);
      for (const cell of cells) expect(cell.split('/'), route).toHaveLength(RELATIONS.length);
    }
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it(`${route}`, async () => {
      const cells = row.trim().split(/\s+/);
      const mismatches: string[] = [];
      for (const [roleIndex, role] of ROLES.entries()) {
        const expected = cells[roleIndex]!.split('/');
        for (const [relationIndex, relation] of RELATIONS.entries()) {
          const { caseId, subjectId } = cases[relation];
          const me = personOf(role);
          const request = requestFor(route, caseId, me, subjectId);
          const response = await h.api.inject({
            method: request.method,
            url: request.url,
            headers: await h.mintHeaders(me),
            ...(request.payload === undefined ? {} : { payload: request.payload as object }),
          });
          // JSON answers carry the gate; Bull Board's page and the metrics text do not.
          const body = response.headers['content-type']?.toString().includes('application/json')
            ? response.json()
            : {};
          const cell = expected[relationIndex]!;
          if (!expectedStatus(cell, response.statusCode, body, caseId)) {
            mismatches.push(
              `${role} × ${relation}: expected ${cell}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('changed nothing it should not have: no decision recorded on the three cases', async () => {
    for (const relation of RELATIONS) {
      const events = await h.engine.listEvents(cases[relation].caseId);
      // The associations declared after the restricted case opened are recorded on it.
      expect(
        events.map((event) => event.type).filter((type) => !type.startsWith('assignment.')),
      ).toEqual(
        relation === 'restricted'
          ? ['allegation.reported', 'directory.changed']
          : ['allegation.reported'],
      );
    }
  });
});
