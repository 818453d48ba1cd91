import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type THarness } from './support/harness.ts';

const DAY = 24 * 3600 * 1000;
const VICTIM = {
  name: 'Harriet Quill-Amberley',
  contact: {
    phone: '07700 900461',
    email: 'h.quill-amberley@example.invalid',
    address: '14 Larkspur Gardens, Thornbury, TB7 3QX',
    safeContact: 'Weekday mornings only; never when the subject may be at home.',
  },
  preferences: { channel: 'phone', language: 'English', updateFrequency: 'Fortnightly' },
  safetyPlan:
    'Harriet Quill-Amberley to stay with her sister; panic alarm fitted at 14 Larkspur Gardens.',
  localTeam: 'response-south',
};
/** What must never leave the sealed record: the name, every part of the address, the phone. */
const NEEDLES = [
  'Harriet',
  'Quill-Amberley',
  'Larkspur',
  'Thornbury',
  'TB7 3QX',
  '07700 900461',
  '07700900461',
  'h.quill-amberley',
];
const leaks = (text: string) => NEEDLES.filter((needle) => text.includes(needle));

let h: THarness;
let caseId: string;

beforeAll(async () => {
  // Trace: the most the engine, api, workers and Fastify ever log.
  h = await startHarness({ start: new Date('2025-03-03T10:00:00Z'), logLevel: 'trace' });
  ({ caseId } = await h.report({
    referralCriteriaMet: ['serious-assault'],
    supervisorId: 'sup-1',
  }));
  const assigned = await h.as('sup-1', {
    method: 'POST',
    url: `/cases/${caseId}/assignments`,
    payload: {
      personId: 'spoc-1',
      role: 'victim-spoc',
      rationale: 'The force SPOC for PPDA victims.',
    },
  });
  expect(assigned.statusCode, assigned.body).toBe(201);
});
afterAll(async () => {
  await h.close();
});

describe('victim data', () => {
  it('is served only to those assigned to work with the victim', async () => {
    const put = await h.as('spoc-1', {
      method: 'PUT',
      url: `/cases/${caseId}/victim`,
      payload: VICTIM,
    });
    expect(put.statusCode, put.body).toBe(204);
    for (const personId of ['spoc-1', 'inv-1']) {
      const read = await h.as(personId, { method: 'GET', url: `/cases/${caseId}/victim` });
      expect(read.statusCode, personId).toBe(200);
      expect(read.json().details).toEqual(VICTIM);
    }
    for (const personId of ['sup-1', 'head-1', 'aa-1', 'auditor-1']) {
      const read = await h.as(personId, { method: 'GET', url: `/cases/${caseId}/victim` });
      expect(read.statusCode, personId).toBe(403);
    }
  });

  it('refuses a malformed record naming the field, without echoing the value', async () => {
    const response = await h.as('spoc-1', {
      method: 'PUT',
      url: `/cases/${caseId}/victim`,
      payload: {
        ...VICTIM,
        contact: { ...VICTIM.contact, phone: 'call Harriet on 07700 900461 x' },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ field: 'body.contact.phone' }),
    ]);
    expect(leaks(response.body)).toEqual([]);
  });

  it('is sealed at rest: AES-256-GCM bound to its case', async () => {
    const row = await h.runtime.db.prisma.victimRecord.findUniqueOrThrow({ where: { caseId } });
    expect(leaks(JSON.stringify(row))).toEqual([]);
    expect(Buffer.from(row.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(row.authTag, 'base64')).toHaveLength(16);
    expect(h.engine.deps.vault?.keyId).toBe(row.keyId);
    // Moved to another case, the record no longer opens.
    expect(() => h.engine.deps.vault?.open(row, '00000000-0000-4000-8000-000000000000')).toThrow(
      /failed authentication/,
    );
  });

  it('never reaches Redis, the logs, email or any other table after a whole scenario', async () => {
    const decisions = [
      {
        type: 'MATTER_RECORDED',
        asConductMatter: true,
        asComplaint: true,
        rationale: 'A conduct matter and a complaint by the victim.',
      },
      {
        type: 'IOPC_REFERRAL_DECIDED',
        referred: true,
        rationale: 'Serious assault alleged: referral criterion met.',
      },
      {
        type: 'SEVERITY_ASSESSED',
        level: 'gross-misconduct',
        rationale: 'Alleged assault on a partner: would justify dismissal.',
      },
      {
        type: 'INVESTIGATOR_APPOINTED',
        investigatorId: 'inv-2',
        declaration: { signed: true, statement: 'I have no prior connection to anyone involved.' },
        rationale: 'Independent PSD investigator with capacity.',
      },
    ];
    for (const decision of decisions) {
      const response = await h.decide(caseId, decision);
      expect(response.statusCode, response.body).toBe(200);
    }
    // Reads and refused reads of the record, then weeks of reminders and escalations.
    await h.as('inv-2', { method: 'GET', url: `/cases/${caseId}/victim` });
    await h.as('subj-1', { method: 'GET', url: `/cases/${caseId}/victim` });
    await h.time.advanceBy(45 * DAY);
    await h.time.settle();
    expect(h.sink.messages().length).toBeGreaterThan(5);

    const redis = new Redis(h.redisUrl);
    const keys: string[] = [];
    try {
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(
          cursor,
          'MATCH',
          `${h.queuePrefix}:*`,
          'COUNT',
          1000,
        );
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      expect(keys.length).toBeGreaterThan(10);
      let redisText = '';
      for (const key of keys) redisText += `${key}\n${JSON.stringify(await dump(redis, key))}\n`;
      expect(redisText).toContain('case.timer.fire');
      expect(leaks(redisText)).toEqual([]);
    } finally {
      redis.disconnect();
    }

    const logText = h.logs.join('');
    expect(logText).toContain('"msg":"request answered"');
    expect(leaks(logText)).toEqual([]);

    const mailText = h.sink
      .messages()
      .map((mail) => `${mail.subject}\n${mail.text}\n${mail.html ?? ''}`)
      .join('\n');
    expect(leaks(mailText)).toEqual([]);

    const prisma = h.runtime.db.prisma;
    const tables = await Promise.all([
      prisma.caseEvent.findMany(),
      prisma.notification.findMany(),
      prisma.outboxEntry.findMany(),
      prisma.accessLogEntry.findMany(),
      prisma.task.findMany(),
      prisma.timer.findMany(),
      prisma.case.findMany(),
    ]);
    const dbText = JSON.stringify(tables, (_key, value) =>
      typeof value === 'bigint' ? String(value) : value,
    );
    expect(leaks(dbText)).toEqual([]);
  });
});

/** A key's whole value, whatever its Redis type. */
async function dump(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}
