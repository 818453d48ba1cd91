import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@ppda/db';
import {
  GENESIS_HASH,
  hashEvent,
  hashedFieldsOf,
  type TActor,
  type TEngine,
  type TReportAllegation,
} from '@ppda/engine';

export interface TSeedRung {
  kind: 'reminder' | 'due' | 'escalation';
  fireAt: Date;
  /** Recipient roles; empty means the rung records its event and mails nobody. */
  notify: string[];
}

export interface TSeedOptions {
  count: number;
  /** The report the template case is opened with, through the real command. */
  report: TReportAllegation;
  actor: TActor;
  /**
   * A short ladder for one of each case's clocks (the seed clock), so it falls due while
   * the run watches; the other clocks keep the schedule the command gave them.
   */
  ladder?: (index: number) => TSeedRung[];
  /** Cases per insert; default 1,000. */
  batchSize?: number;
}

export interface TSeeded {
  caseIds: string[];
  /** The seed clock's timer of each case (only when a ladder was given). */
  timerIds: string[];
  /** The rule of the seed clock. */
  seedRuleId: string | undefined;
}

export class SeedTemplateError extends Error {
  override readonly name = 'SeedTemplateError';
}

// The case-reference alphabet (no vowels or look-alikes), so seeded references look real.
const ALPHABET = '23456789BCDFGHJKMNPQRSTVWXYZ';

// References must be unique: a random tag per process and a counter across every call in it
// (28^4 cases per process).
const PROCESS_TAG = Array.from({ length: 2 }, () => ALPHABET[Math.floor(Math.random() * 28)]).join(
  '',
);
let seededSoFar = 0;

function seededReference(template: string, runTag: string, index: number): string {
  let suffix = '';
  for (let rest = index, i = 0; i < 4; i++, rest = Math.floor(rest / ALPHABET.length)) {
    suffix = ALPHABET[rest % ALPHABET.length] + suffix;
  }
  return `${template.slice(0, -6)}${runTag}${suffix}`;
}

/** A row as JSON text with the template's ids swapped, then parsed back. */
function cloneRow<T>(row: T, swaps: [string, string][]): Record<string, unknown> {
  let text = JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? undefined : value));
  for (const [from, to] of swaps) text = text.replaceAll(from, to);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Open cases in bulk exactly as the engine opens them: one case is opened through the real
 * `reportAllegation`, and its rows (case, hash-chained events, timers, tasks, assignments)
 * are copied under new ids, the event chain re-hashed. No jobs are written: arming the
 * timers in Redis is then the reconciler's job, exactly as after a Redis loss. For
 * benchmarks and fault runs, where opening 100k cases one command at a time measures
 * nothing of interest.
 */
export async function seedCases(prisma: PrismaClient, engine: TEngine, options: TSeedOptions) {
  const { caseId: templateId } = await engine.reportAllegation(options.report, options.actor);
  const [template, events, timers, tasks, assignments] = await Promise.all([
    prisma.case.findUniqueOrThrow({ where: { id: templateId } }),
    prisma.caseEvent.findMany({ where: { caseId: templateId }, orderBy: { seq: 'asc' } }),
    prisma.timer.findMany({ where: { caseId: templateId }, orderBy: { ruleId: 'asc' } }),
    prisma.task.findMany({ where: { caseId: templateId } }),
    prisma.caseAssignment.findMany({ where: { caseId: templateId } }),
  ]);
  const seedTimer = timers.find((timer) => timer.status === 'armed');
  if (options.ladder && !seedTimer) {
    throw new SeedTemplateError('a newly opened case runs no clock to seed a ladder on');
  }
  const batchSize = options.batchSize ?? 1_000;
  const seeded: TSeeded = { caseIds: [], timerIds: [], seedRuleId: seedTimer?.ruleId };

  for (let from = 0; from < options.count; from += batchSize) {
    const rows = {
      cases: [] as Prisma.CaseCreateManyInput[],
      events: [] as Prisma.CaseEventCreateManyInput[],
      timers: [] as Prisma.TimerCreateManyInput[],
      tasks: [] as Prisma.TaskCreateManyInput[],
      assignments: [] as Prisma.CaseAssignmentCreateManyInput[],
    };
    for (let index = from; index < Math.min(options.count, from + batchSize); index++) {
      const caseId = randomUUID();
      const swaps: [string, string][] = [
        [templateId, caseId],
        [template.reference, seededReference(template.reference, PROCESS_TAG, seededSoFar++)],
      ];
      let prevHash = GENESIS_HASH;
      for (const event of events) {
        const copy = cloneRow(event, swaps) as Prisma.CaseEventCreateManyInput & {
          payload: unknown;
        };
        const hash = hashEvent(
          prevHash,
          hashedFieldsOf({
            caseId,
            seq: copy.seq,
            type: copy.type,
            actorId: copy.actorId,
            actorRole: copy.actorRole,
            rationale: copy.rationale ?? null,
            ruleId: copy.ruleId ?? null,
            payload: copy.payload,
            occurredAt: new Date(copy.occurredAt),
          }),
        );
        rows.events.push({ ...copy, prevHash, hash } as Prisma.CaseEventCreateManyInput);
        prevHash = hash;
      }
      // The copy's chain head is its own last (re-hashed) event.
      rows.cases.push({
        ...cloneRow(template, swaps),
        headHash: prevHash,
      } as Prisma.CaseCreateManyInput);
      for (const timer of timers) {
        const copy = cloneRow(timer, swaps) as Prisma.TimerCreateManyInput;
        const rungs = timer.id === seedTimer?.id ? options.ladder?.(index) : undefined;
        if (rungs && rungs.length > 0) {
          copy.ladder = rungs.map((rung, position) => ({
            rung: position,
            kind: rung.kind,
            fireAt: rung.fireAt.toISOString(),
            notify: rung.notify,
          }));
          copy.nextRung = 0;
          copy.nextFireAt = rungs[0]!.fireAt;
          copy.dueAt = rungs.at(-1)!.fireAt;
          seeded.timerIds.push(copy.id);
        }
        rows.timers.push(copy);
      }
      rows.tasks.push(...tasks.map((task) => cloneRow(task, swaps) as Prisma.TaskCreateManyInput));
      rows.assignments.push(
        ...assignments.map((row) => cloneRow(row, swaps) as Prisma.CaseAssignmentCreateManyInput),
      );
      seeded.caseIds.push(caseId);
    }
    await prisma.$transaction([
      prisma.case.createMany({ data: rows.cases }),
      prisma.caseEvent.createMany({ data: rows.events }),
      prisma.timer.createMany({ data: rows.timers }),
      prisma.task.createMany({ data: rows.tasks }),
      prisma.caseAssignment.createMany({ data: rows.assignments }),
    ]);
  }
  return seeded;
}
