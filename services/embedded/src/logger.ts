import pino, { type Logger } from 'pino';

/** One root logger; components take a child with `{ component }`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    ...(process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } }
      : {}),
  });
}
