import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Redis } from 'ioredis';

const SESSION_KEY = (sessionId: string) => `web:session:${sessionId}`;
const PERSON_KEY = (personId: string) => `web:person-sessions:${personId}`;

/**
 * Server-side sessions in Redis, so one can be revoked: sign-out deletes the session, and
 * `revokeSessionsOf` ends every session of a person (a leaver, a role revoked in haste). The
 * cookie only carries the signed session id; nothing about the person is in the browser.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  set(sessionId: string, session: Session, callback: (error?: unknown) => void): void {
    const personId = session.personId;
    const write = this.redis
      .multi()
      .set(SESSION_KEY(sessionId), JSON.stringify(session), 'EX', this.ttlSeconds);
    if (personId) {
      write.sadd(PERSON_KEY(personId), sessionId).expire(PERSON_KEY(personId), this.ttlSeconds);
    }
    write.exec().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  get(sessionId: string, callback: (error: unknown, session?: Session | null) => void): void {
    this.redis.get(SESSION_KEY(sessionId)).then(
      (stored) => callback(null, stored ? (JSON.parse(stored) as Session) : null),
      (error: unknown) => callback(error),
    );
  }

  destroy(sessionId: string, callback: (error?: unknown) => void): void {
    this.redis.del(SESSION_KEY(sessionId)).then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** End every session of `personId` now: their next request finds no session. */
  async revokeSessionsOf(personId: string): Promise<number> {
    const ids = await this.redis.smembers(PERSON_KEY(personId));
    if (ids.length === 0) return 0;
    await this.redis.del(...ids.map(SESSION_KEY), PERSON_KEY(personId));
    return ids.length;
  }
}
