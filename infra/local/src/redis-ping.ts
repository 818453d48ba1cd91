import { connect } from 'node:net';

/**
 * One raw `PING` over TCP. A plain socket instead of ioredis: a client library would retry and
 * log connection errors while the server is still starting.
 */
export const pingRedis = (port: number, timeoutMs = 500): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (isUp: boolean): void => {
      socket.destroy();
      resolve(isUp);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    // "-LOADING" while the AOF is replayed counts as not ready yet.
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
