import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** The one list of queue names. */
export const QUEUE_NAMES = ['case-timers', 'notifications', 'maintenance'] as const;
export type TQueueName = (typeof QUEUE_NAMES)[number];

const ZIsoInstant = z.iso.datetime({ offset: true });

/**
 * The job catalog: each job name maps to its queue, payload schema and options.
 * Payloads carry ids only, never names or victim data: everything else is read from
 * the database when the job runs.
 */
export const jobCatalog = {
  'case.timer.fire': {
    queue: 'case-timers',
    payload: z.object({
      timerId: z.string().min(1),
      rung: z.number().int().min(0),
      fireAt: ZIsoInstant,
    }),
    options: {
      attempts: 20,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
      removeOnFail: false,
    },
  },
  'notification.send': {
    queue: 'notifications',
    // `fireAt`: when a mail held for working hours may go (the virtual clock promotes it then).
    payload: z.object({ notificationId: z.string().min(1), fireAt: ZIsoInstant.optional() }),
    options: {
      attempts: 20,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
      removeOnFail: false,
    },
  },
  'digest.send': {
    queue: 'maintenance',
    // One job per London day (`digest.<yyyy-mm-dd>`), due at the digest hour of that day.
    payload: z.object({ day: z.iso.date(), fireAt: ZIsoInstant }),
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
      removeOnFail: false,
    },
  },
  'engine.reconcile': {
    queue: 'maintenance',
    payload: z.object({}),
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
  },
  'chain.checkpoint': {
    queue: 'maintenance',
    payload: z.object({}),
    options: { attempts: 3, removeOnComplete: 100, removeOnFail: 100 },
  },
  'outbox.relay': {
    queue: 'maintenance',
    payload: z.object({}),
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
  },
} as const satisfies Record<
  string,
  { queue: TQueueName; payload: z.ZodType; options: JobsOptions }
>;

export type TJobName = keyof typeof jobCatalog;
export type TJobPayload<N extends TJobName> = z.infer<(typeof jobCatalog)[N]['payload']>;

export function isJobName(name: string): name is TJobName {
  return Object.hasOwn(jobCatalog, name);
}

/** Parse a payload on dequeue (or before enqueue): a bad payload never reaches a handler. */
export function parseJobPayload<N extends TJobName>(name: N, data: unknown): TJobPayload<N> {
  return jobCatalog[name].payload.parse(data) as TJobPayload<N>;
}

/** BullMQ rejects custom ids containing ':' or made only of digits. */
export function assertValidJobId(jobId: string): string {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) {
    throw new Error(`invalid BullMQ job id ${jobId}: no ':' and not all digits`);
  }
  return jobId;
}

export function timerJobId(timerId: string, rung: number): string {
  return assertValidJobId(`${timerId}.r${rung}`);
}

export function digestJobId(day: string): string {
  return assertValidJobId(`digest.${day}`);
}

export function notificationJobId(notificationId: string): string {
  return assertValidJobId(`send.${notificationId}`);
}
