import type { TAccessPolicy } from '@ppda/access';
import type { WorkingCalendar } from '@ppda/calendar';
import type { PrismaClient, TSql } from '@ppda/db';
import type { TMailer } from '@ppda/notify';
import type { TPolicyPack } from '@ppda/ppda-case';
import type { TQueues } from '@ppda/queue';
import type { Logger } from 'pino';
import type { TAccessBurst } from '../access/refusal-burst.ts';
import type { TVictimVault } from '../access/victim-vault.ts';
import type { TMailHoursSetting } from '../mail/mail-timing.ts';
import type { TRelayedRows } from '../write/outbox-relay.ts';
import type { TCheckpointConfig } from './chain-checkpoint.ts';
import type { Clock } from './time-source.ts';

/** Everything the engine touches, supplied by the process that hosts it. */
export interface TEngineDeps {
  prisma: PrismaClient;
  /** Hand-written statements (the hot path), on the same database as `prisma`. */
  sql: TSql;
  queues: TQueues;
  clock: Clock;
  calendar: WorkingCalendar;
  policy: TPolicyPack;
  mailer: TMailer;
  logger: Logger;
  /** Deletes relayed outbox rows in the background; flushed when the runtime closes. */
  relayed: TRelayedRows;
  /** Draws a new case's reference: `createCaseReference` unless a test needs a collision. */
  caseReference?: (receivedAt: Date) => string;
  /** The web application's base URL, for links to case pages in mail (`WEB_PUBLIC_URL`). */
  publicUrl?: string;
  /** When mail goes (working hours, Europe/London); defaults to `DEFAULT_MAIL_HOURS`. */
  mailHours?: TMailHoursSetting;
  /** When the daily digest goes (London), as minutes after midnight; unset: no digest. */
  digestAtMinutes?: number;
  /** Seals victim data; absent in processes that never touch it (the worker). */
  vault?: TVictimVault;
  /** Signed checkpoints of the case chains: where, and with which key file. */
  checkpoint?: TCheckpointConfig;
  /** When refused reads by one person raise an alert; defaults to `DEFAULT_ACCESS_BURST`. */
  accessBurst?: TAccessBurst;
  /** Independence and external-referral policy; defaults to `defaultAccessPolicy`. */
  accessPolicy?: TAccessPolicy;
}

/**
 * Who did it and under which role; timers act as `system`. `roles` (all the directory
 * roles a person holds) lets the engine record the one their decision right came from.
 */
export interface TActor {
  id: string;
  role: string;
  roles?: readonly string[];
}

export const SYSTEM_ACTOR: TActor = { id: 'system', role: 'engine' };
