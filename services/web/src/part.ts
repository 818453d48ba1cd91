import type { THostPart } from '@ppda/host';
import { buildWeb, type TWebApp, type TWebDeps } from './app.ts';

/** The web application as a host part: sessions on the runtime's Redis connection. */
export function webPart(
  options: Omit<TWebDeps, 'engine' | 'redis' | 'logger'>,
): THostPart<TWebApp & { close(): Promise<void> }> {
  return {
    async start({ runtime, logger }) {
      const web = await buildWeb({
        engine: runtime.engine,
        redis: runtime.redis,
        logger,
        ...options,
      });
      return { ...web, close: () => web.app.close() };
    },
  };
}
