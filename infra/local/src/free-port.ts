import { createServer } from 'node:net';

/**
 * Asks the kernel for an unused 127.0.0.1 port. The port is released before it is returned, so
 * another process can grab it first: starters retry on PORT_IN_USE when they picked the port.
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
