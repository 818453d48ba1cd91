export {
  assertValidJobId,
  digestJobId,
  isJobName,
  jobCatalog,
  notificationJobId,
  parseJobPayload,
  QUEUE_NAMES,
  type TJobName,
  type TJobPayload,
  type TQueueName,
  timerJobId,
} from './catalog.ts';
export {
  checkRedisPersistence,
  createRedisConnection,
  RedisUrlError,
  redisTarget,
} from './connection.ts';
export { createQueues, type TJobRequest, type TQueues } from './queues.ts';
