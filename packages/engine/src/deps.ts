import type { WorkingCalendar } from '@ppda/calendar';
import type { PrismaClient } from '@ppda/db';
import type { TMailer } from '@ppda/notify';
import type { TPolicyPack } from '@ppda/ppda-case';
import type { TQueues } from '@ppda/queue';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';

/** Everything the engine touches, supplied by the process that hosts it. */
export interface TEngineDeps {
  prisma: PrismaClient;
  queues: TQueues;
  clock: Clock;
  calendar: WorkingCalendar;
  policy: TPolicyPack;
  mailer: TMailer;
  logger: Logger;
  /** Base URL for links in emails, e.g. http://127.0.0.1:3000 */
  publicUrl?: string;
}

/** Who did it and under which role; timers act as `system`. */
export interface TActor {
  id: string;
  role: string;
}

export const SYSTEM_ACTOR: TActor = { id: 'system', role: 'engine' };
