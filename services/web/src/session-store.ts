import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * Server-side sessions in Redis, so one can be revoked: sign-out deletes the session, and
 * `revokeSessionsOf` ends every session of a person (a leaver, a role revoked in haste). The
 * cookie only carries the signed session id; nothing about the person is in the browser.
 */
export class RedisSessionStore implements SessionStore {
  /** Keys live under the deployment's prefix (QUEUE_PREFIX): engines sharing a Redis never mix. */
  readonly #sessionKey: (sessionId: string) => string;
  readonly #personKey: (personId: string) => string;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    prefix: string,
  ) {
    this.#sessionKey = (sessionId) => `${prefix}:web:session:${sessionId}`;
    this.#personKey = (personId) => `${prefix}:web:person-sessions:${personId}`;
  }

  set(sessionId: string, session: Session, callback: (error?: unknown) => void): void {
    const personId = session.personId;
    const write = this.redis
      .multi()
      .set(this.#sessionKey(sessionId), JSON.stringify(session), 'EX', this.ttlSeconds);
    if (personId) {
      write
        .sadd(this.#personKey(personId), sessionId)
        .expire(this.#personKey(personId), this.ttlSeconds);
    }
    write.exec().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  get(sessionId: string, callback: (error: unknown, session?: Session | null) => void): void {
    this.redis.get(this.#sessionKey(sessionId)).then(
      (stored) => callback(null, stored ? (JSON.parse(stored) as Session) : null),
      (error: unknown) => callback(error),
    );
  }

  destroy(sessionId: string, callback: (error?: unknown) => void): void {
    this.redis.del(this.#sessionKey(sessionId)).then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** End every session of `personId` now: their next request finds no session. */
  async revokeSessionsOf(personId: string): Promise<number> {
    const ids = await this.redis.smembers(this.#personKey(personId));
    if (ids.length === 0) return 0;
    await this.redis.del(...ids.map(this.#sessionKey), this.#personKey(personId));
    return ids.length;
  }
}
