import {
  loadBenchDirectory,
  openBenchRuntime,
  serviceEnvFor,
  spawnService,
  startBenchInfra,
  type TBenchInfra,
  type TServiceProcess,
} from '@ppda/bench';
import type { TRuntime } from '@ppda/engine';
import { Redis } from 'ioredis';
import pino from 'pino';

const QUEUE_PREFIX = 'faults';

/**
 * Everything a fault run needs, private to it: PostgreSQL, redis-server (AOF) and an SMTP
 * sink; the production api and two workers as child processes; and an in-process runtime
 * for seeding timers and reading the database afterwards.
 */
export interface TFaultStack {
  infra: TBenchInfra;
  runtime: TRuntime;
  admin: Redis;
  apiUrl(): string;
  workers(): TServiceProcess[];
  /** Error-level log lines of every service process started, killed ones included. */
  serviceErrors(): string[];
  /** kill -9 the api and start a new one. */
  killApi(): Promise<void>;
  /** kill -9 worker `index` and start a new one in its place. */
  killWorker(index: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultStack(): Promise<TFaultStack> {
  const infra = await startBenchInfra({ durablePostgres: false });
  const databaseUrl = await infra.postgres.createDatabase('faults');
  const store = { databaseUrl, queuePrefix: QUEUE_PREFIX };
  const runtime = await openBenchRuntime(infra, store, {
    mailFrom: 'faults@psd.test',
    mailHours: 'always',
    logger: pino({ level: 'silent' }),
  });
  await loadBenchDirectory(runtime.db.prisma);
  // Short locks and reconciles, so a killed worker's jobs and a lost Redis heal in seconds.
  const env = serviceEnvFor(infra, store, { WORKER_LOCK_MS: '2000', RECONCILE_EVERY_MS: '3000' });
  const started: TServiceProcess[] = [];
  const spawn = async (kind: 'api' | 'worker') => {
    const service = await spawnService(kind, env);
    started.push(service);
    return service;
  };
  let [api, ...workers] = await Promise.all([spawn('api'), spawn('worker'), spawn('worker')]);
  const admin = new Redis(infra.redis.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined); // Redis is restarted on purpose
  return {
    infra,
    runtime,
    admin,
    apiUrl: () => api!.url!,
    workers: () => workers,
    serviceErrors: () => started.flatMap((service) => service.errors()),
    async killApi() {
      await api!.kill();
      api = await spawn('api');
    },
    async killWorker(index) {
      await workers[index]!.kill();
      workers[index] = await spawn('worker');
    },
    async close() {
      await Promise.allSettled([api!.stop(), ...workers.map((worker) => worker.stop())]);
      admin.disconnect();
      await runtime.close();
      await infra.close();
    },
  };
}
