import { Prisma } from '@ppda/db';
import { mailOutsideCases } from '../mail/mail-outside-cases.ts';
import type { TEngineDeps } from '../runtime/deps.ts';

/** When refused reads by one person raise an alert. */
export interface TAccessBurst {
  refusals: number;
  windowMs: number;
}

const DEFAULT_ACCESS_BURST: TAccessBurst = { refusals: 20, windowMs: 60_000 };

/** The notification kind of a burst alert; `/metrics` counts them. */
const ACCESS_BURST_KIND = 'access-burst';

/**
 * After a refused attempt is logged: when `personId` has been refused `refusals` times within
 * the window, the Head of PSD is mailed at once (someone probing for cases they must not see,
 * or a broken client). One alert per person and window: its id is the window's start, so a
 * burst that goes on, or a retry, never mails twice. The alert names the person and counts,
 * never a case.
 */
export async function alertOnRefusalBurst(deps: TEngineDeps, personId: string): Promise<void> {
  const { refusals, windowMs } = deps.accessBurst ?? DEFAULT_ACCESS_BURST;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - windowMs);
  const [row] = await deps.sql.query<{ refused: number; first: Date | null }>(
    Prisma.sql`SELECT count(*)::int AS refused, min(at) AS first FROM "AccessLogEntry"
      WHERE "personId" = ${personId} AND allowed = false AND at > ${since}`,
  );
  if (!row || row.refused < refusals || !row.first) return;
  // One alert per burst: keyed by the person and the window the burst began in.
  const windowStart = Math.floor(row.first.getTime() / windowMs) * windowMs;
  const subject = `ALERT: ${row.refused} refused reads by ${personId} within ${windowMs / 1000} s`;
  const body = [
    `${personId} was refused ${row.refused} times within ${windowMs / 1000} seconds, the latest at ${now.toISOString()}.`,
    'Refused reads are cases this person may not see, or that do not exist: someone probing for',
    'cases kept from them, or a misconfigured client. The access log lists each attempt.',
    '',
  ].join('\n');
  const heads = await deps.sql.query<{ id: string; email: string }>(Prisma.sql`SELECT id, email
    FROM "Person" WHERE 'head-of-psd' = ANY(roles) AND "leftAt" IS NULL AND id <> ${personId}`);
  const queued = await mailOutsideCases(deps, {
    key: `access-burst.${personId}.${windowStart}`,
    kind: ACCESS_BURST_KIND,
    people: heads,
    subject,
    body,
  });
  if (queued > 0) {
    deps.logger.warn({ personId, refused: row.refused, windowMs }, 'a burst of refused reads');
  }
}
