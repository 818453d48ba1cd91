import { z } from 'zod';

const ZOptionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

/** AES-256 needs exactly 32 bytes; base64 keeps the variable printable. */
const ZVictimDataKey = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(
    z
      .base64('base64 of 32 random bytes (openssl rand -base64 32)')
      .refine(
        (value) => Buffer.from(value, 'base64').length === 32,
        'base64 of 32 random bytes (openssl rand -base64 32)',
      )
      .optional(),
  )
  .optional();

/** One Redis server, or Sentinels and the primary they watch (`packages/queue` reads it). */
const ZRedisUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(
    z
      .string()
      .regex(
        /^(rediss?:\/\/\S+|redis-sentinel:\/\/\S+\/[\w.-]+)$/,
        'redis://host:port, rediss://host:port, or redis-sentinel://host:port[,host:port…]/<primary name>',
      )
      .optional(),
  )
  .optional();

const ZEnvFields = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Unset: a file-backed PGlite under DATA_DIR (embedded default). */
  DATABASE_URL: ZOptionalUrl,
  /** Unset: a redis-server child process (embedded default). */
  REDIS_URL: ZRedisUrl,
  /** Unset: an in-process SMTP sink whose messages are listed over HTTP (embedded default). */
  SMTP_URL: ZOptionalUrl,
  MAIL_FROM: z.string().default('PSD case engine <ppda-engine@psd.police.invalid>'),
  /**
   * Working hours for mail, Europe/London whole hours `HH-HH` (rules.md: 08:00-18:00), or
   * `always` to send every notice at its rung (load tests on the system clock).
   */
  MAIL_HOURS: z
    .string()
    .default('08-18')
    .transform((value, ctx) => {
      if (value === 'always') return 'always' as const;
      const match = /^(\d{1,2})-(\d{1,2})$/.exec(value);
      const startHour = Number(match?.[1]);
      const endHour = Number(match?.[2]);
      if (!match || startHour >= endHour || endHour > 23) {
        ctx.addIssue({
          code: 'custom',
          message: 'whole hours HH-HH, start before end, e.g. 08-18',
        });
        return z.NEVER;
      }
      return { startHour, endHour };
    }),
  /** The daily digest's London time `HH:MM` (working days), or `off`. */
  DIGEST_AT: z
    .string()
    .default('07:30')
    .transform((value, ctx) => {
      if (value === 'off') return 'off' as const;
      const match = /^(\d{2}):(\d{2})$/.exec(value);
      const minutes = Number(match?.[1]) * 60 + Number(match?.[2]);
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
        ctx.addIssue({ code: 'custom', message: 'HH:MM (London), or off' });
        return z.NEVER;
      }
      return minutes;
    }),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('.data'),
  /** `virtual` moves time only when told to (demos, tests); `system` reads the real clock. */
  CLOCK: z.enum(['system', 'virtual']).default('system'),
  /** Where a virtual clock starts (ISO 8601). */
  VIRTUAL_START: z.iso.datetime({ offset: true }).optional(),
  /** `{ppda}` (a hash tag) keeps each queue's keys in one Redis Cluster slot. */
  QUEUE_PREFIX: z
    .string()
    .regex(
      /^([a-z0-9-]+|\{[a-z0-9-]+\})$/,
      'lowercase letters, digits and dashes, optionally in braces as a Cluster hash tag',
    )
    .default('ppda'),
  RECONCILE_EVERY_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(8),
  /** BullMQ job lock; a crashed worker's job is retried after it lapses (BullMQ default 30 s). */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).optional(),
  /** A force policy file (YAML or JSON) overriding policy rules; statute can only be tightened. */
  POLICY_FILE: z.string().min(1).optional(),
  /** The OIDC issuer whose bearer tokens are accepted. Unset: the local demo issuer. */
  OIDC_ISSUER: ZOptionalUrl,
  /** The `aud` tokens must carry. */
  OIDC_AUDIENCE: z.string().min(1).default('ppda-engine'),
  /** The issuer's JWKS; unset: read from its discovery document. */
  OIDC_JWKS_URL: ZOptionalUrl,
  /** The token claim holding the directory person id. */
  OIDC_PERSON_CLAIM: z.string().min(1).default('sub'),
  /** Where signed checkpoints of the case chains are written (outside the database). */
  CHECKPOINT_DIR: z.string().min(1).optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs checkpoints. Unset: generated under DATA_DIR. */
  CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  /** How often the worker signs a checkpoint. */
  CHECKPOINT_EVERY_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** `POST /auth/demo-token` from other machines too (default: loopback callers only). */
  DEMO_TOKENS_REMOTE: z.stringbool().default(false),
  /** Demo tokens minted per caller address per minute. */
  DEMO_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** The longest token lifetime accepted (exp - iat), in seconds. */
  TOKEN_MAX_LIFETIME_S: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 3600),
  /** Clock skew allowed between the token issuer and the engine, in seconds. */
  TOKEN_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  /** Refused reads by one person within ACCESS_BURST_WINDOW_S that raise an alert. */
  ACCESS_BURST_REFUSALS: z.coerce.number().int().min(2).default(20),
  ACCESS_BURST_WINDOW_S: z.coerce.number().int().min(1).default(60),
  /** AES-256-GCM key for victim data. Unset: a key generated once under DATA_DIR. */
  VICTIM_DATA_KEY: ZVictimDataKey,
  /** The web application's port (services/web), beside the api's. */
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Where browsers reach the web application (OIDC redirect); unset: http://HOST:WEB_PORT. */
  WEB_PUBLIC_URL: ZOptionalUrl,
  /** Signs the web session cookie (32+ characters). Unset (not production): random per start. */
  WEB_SESSION_SECRET: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(32, 'at least 32 characters').optional())
    .optional(),
  /** The web application's OIDC client (authorization code + PKCE) at OIDC_ISSUER. */
  OIDC_CLIENT_ID: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  OIDC_CLIENT_SECRET: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

/** Every environment variable the engine reads; `.env.example` lists the same. */
export const ZEnv = ZEnvFields.superRefine((env, context) => {
  // The embedded defaults (local token issuer, key file beside the data) are for demos only.
  if (env.NODE_ENV !== 'production') return;
  if (!env.OIDC_ISSUER) {
    context.addIssue({
      code: 'custom',
      path: ['OIDC_ISSUER'],
      message: 'required in production: the OIDC issuer whose tokens the API accepts',
    });
  }
  if (!env.VICTIM_DATA_KEY) {
    context.addIssue({
      code: 'custom',
      path: ['VICTIM_DATA_KEY'],
      message: 'required in production: base64 of the 32-byte key that encrypts victim data',
    });
  }
});

export type TEnv = z.infer<typeof ZEnv>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: { variable: string; rule: string }[]) {
    super(
      `Invalid configuration: ${issues.map((issue) => `${issue.variable}: ${issue.rule}`).join('; ')}`,
    );
  }
}

/** Parse the environment once at boot; nothing else reads `process.env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): TEnv {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: issue.path.join('.'),
        rule: issue.message,
      })),
    );
  }
  return parsed.data;
}
