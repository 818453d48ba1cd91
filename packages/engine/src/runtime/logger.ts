import pino, { type Logger } from 'pino';

/** One root logger per process; components take `logger.child({ component })`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    ...(process.stdout.isTTY
      ? {
          transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
        }
      : {}),
  });
}
