import { openRuntime, type TRuntime, type TRuntimeOptions } from '@ppda/engine';
import type { Logger } from 'pino';

/** What a part is given: the opened runtime and the process's logger. */
export interface THostContext {
  runtime: TRuntime;
  logger: Logger;
}

/**
 * One piece of a process (the api, the workers, the web application), defined by its own
 * service. `start` builds it on the runtime; the handle it returns is closed by the host.
 */
export interface THostPart<THandle extends { close(): Promise<void> }> {
  start(context: THostContext): Promise<THandle>;
}

// biome-ignore lint/suspicious/noExplicitAny: any handle type; each part keeps its own
type TAnyPart = THostPart<any>;

/** A part left out (e.g. the harness without workers) is `undefined` in the handles. */
type THandleOf<TPart> = TPart extends THostPart<infer THandle> ? THandle : undefined;

export interface THostOptions<TParts extends Record<string, TAnyPart | undefined>> {
  /**
   * Before any part starts: what must hold before the process serves or takes work
   * (seeding a fresh directory, refusing a clock running backwards). A throw closes the runtime.
   */
  prepare?(context: THostContext): Promise<void>;
  /** Started in the order listed, closed in reverse: workers before the api that enqueues. */
  parts: TParts;
}

export interface THost<TParts extends Record<string, TAnyPart | undefined>> {
  runtime: TRuntime;
  parts: { [K in keyof TParts]: THandleOf<TParts[K]> };
  /** The parts in reverse order, then the runtime (database, Redis, mail). */
  close(): Promise<void>;
}

/**
 * Every process (api, worker, embedded, the test harness) is built here, the same way:
 * open the runtime (config → database → Redis/queues → engine), prepare, start the parts.
 * If a part fails to start, what already started is closed before the error is thrown,
 * so a failed start leaves no connection holding the process open.
 */
export async function startHost<TParts extends Record<string, TAnyPart | undefined>>(
  runtimeOptions: TRuntimeOptions,
  options: THostOptions<TParts>,
): Promise<THost<TParts>> {
  const runtime = await openRuntime(runtimeOptions);
  const context: THostContext = { runtime, logger: runtimeOptions.logger };
  const started: { close(): Promise<void> }[] = [];
  const close = async () => {
    for (const handle of started.reverse()) await handle.close();
    started.length = 0;
    await runtime.close();
  };
  const handles: Record<string, unknown> = {};
  try {
    await options.prepare?.(context);
    for (const [name, part] of Object.entries(options.parts)) {
      const handle = part ? await part.start(context) : undefined;
      if (handle) started.push(handle);
      handles[name] = handle;
    }
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return { runtime, parts: handles as THost<TParts>['parts'], close };
}

/**
 * SIGINT or SIGTERM closes the process once (a repeated signal while closing is ignored),
 * then exits 0, or 1 with the error logged.
 */
export function closeOnSignals(close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      logger.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
