/**
 * Servers started here must not outlive the process that started them (a crashed test run
 * would otherwise leave redis/postgres holding ports and data dirs). Each server registers a
 * synchronous killer; it runs on 'exit' and on SIGINT/SIGTERM/SIGHUP.
 *
 * A signal only triggers the killers when nobody else handles it: an application with its own
 * graceful shutdown (close workers, then stop redis) keeps control, and 'exit' still cleans up.
 * SIGKILL of the parent cannot be caught; orphans then need a manual kill.
 */
const killers = new Set<() => void>();
let isInstalled = false;

const killAll = (): void => {
  for (const kill of killers) {
    try {
      kill();
    } catch {
      // already gone
    }
  }
  killers.clear();
};

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const install = (): void => {
  if (isInstalled) return;
  isInstalled = true;
  process.on('exit', killAll);
  for (const signal of signals) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      killAll();
      // Restore the default action (terminate) now that the children are gone.
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
};

/** Registers `kill` to run if the process exits; returns a function that unregisters it. */
export const trackChild = (kill: () => void): (() => void) => {
  install();
  killers.add(kill);
  return () => {
    killers.delete(kill);
  };
};
