/** Throughput of `total` calls of `op`, `inFlight` at a time. */
export async function measureRate(
  total: number,
  inFlight: number,
  op: (index: number) => Promise<unknown>,
): Promise<{ ops: number; seconds: number; perSecond: number }> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let index = next++; index < total; index = next++) await op(index);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ops: total, seconds, perSecond: total / seconds };
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  { timeoutMs, pollMs = 200 }: { timeoutMs: number; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Polling a condition against a deadline, never a fixed sleep.
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
