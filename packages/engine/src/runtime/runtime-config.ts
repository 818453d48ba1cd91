import { join, resolve } from 'node:path';
import { ConfigError, type TEnv } from '@ppda/config';
import type { Logger } from 'pino';
import type { TRuntimeOptions } from './runtime.ts';
import { type Clock, clockFromConfig } from './time-source.ts';

/** What a process supplies beyond config: its logger, and whatever it started itself. */
export interface TRuntimeParts {
  logger: Logger;
  clock?: Clock;
  /** Used when DATABASE_URL is unset (embedded default). */
  pgliteDir?: string;
  /** Used when REDIS_URL / SMTP_URL are unset: servers the process started itself. */
  redisUrl?: string;
  smtpUrl?: string;
  victimKey?: Buffer;
  /** The web application's URL when `WEB_PUBLIC_URL` is unset (the embedded start's). */
  publicUrl?: string;
}

/** The one mapping from config to runtime options, for every process. */
export function runtimeOptionsFromConfig(config: TEnv, parts: TRuntimeParts): TRuntimeOptions {
  const redisUrl = config.REDIS_URL ?? parts.redisUrl;
  const smtpUrl = config.SMTP_URL ?? parts.smtpUrl;
  if (!redisUrl || !smtpUrl || (!config.DATABASE_URL && !parts.pgliteDir)) {
    throw new ConfigError(
      [
        ...(config.DATABASE_URL || parts.pgliteDir ? [] : ['DATABASE_URL']),
        ...(redisUrl ? [] : ['REDIS_URL']),
        ...(smtpUrl ? [] : ['SMTP_URL']),
      ].map((variable) => ({
        variable,
        rule: 'required for a standalone api or worker; for one process on embedded defaults run `npm start`',
      })),
    );
  }
  return {
    ...(config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL }
      : { pgliteDir: parts.pgliteDir }),
    redisUrl,
    smtpUrl,
    mailFrom: config.MAIL_FROM,
    queuePrefix: config.QUEUE_PREFIX,
    ...(config.POLICY_FILE ? { policyFile: config.POLICY_FILE } : {}),
    clock: parts.clock ?? clockFromConfig(config),
    logger: parts.logger,
    ...(parts.victimKey ? { victimKey: parts.victimKey } : {}),
    // Links in mail open the web application's case page.
    ...((config.WEB_PUBLIC_URL ?? parts.publicUrl)
      ? { publicUrl: (config.WEB_PUBLIC_URL ?? parts.publicUrl)!.replace(/\/$/, '') }
      : {}),
    mailHours: config.MAIL_HOURS,
    ...(config.DIGEST_AT === 'off' ? {} : { digestAtMinutes: config.DIGEST_AT }),
    checkpoint: checkpointFromConfig(config),
    accessBurst: {
      refusals: config.ACCESS_BURST_REFUSALS,
      windowMs: config.ACCESS_BURST_WINDOW_S * 1000,
    },
  };
}

/** Where checkpoints go and the key that signs them: configured, or kept under DATA_DIR. */
export function checkpointFromConfig(config: TEnv) {
  const dataDir = resolve(config.DATA_DIR);
  return {
    dir: config.CHECKPOINT_DIR ?? join(dataDir, 'checkpoints'),
    keyFile: config.CHECKPOINT_KEY_FILE ?? join(dataDir, 'keys', 'checkpoint-signing.pem'),
  };
}
