/** SQLite's "database is locked" in any of its forms (SQLITE_BUSY, _RECOVERY, _SNAPSHOT, _TIMEOUT). */
export const isDatabaseBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Runs `attempt` again, after a growing pause, while it fails because the SQLite database was locked, up to
 * `retries` more times; any other failure, or the last busy one, is thrown as it is.
 *
 * Why: a worker starting beside another one (or right after a stopped server's last connection checkpointed its
 * log) can meet a lock SQLite does not wait for with its busy timeout, such as the log's recovery. Once in CI a
 * worker of a two-worker start exited with "database is locked" 0.2 s after it began; its replacement started
 * half a second later. Waiting that half second inside the worker is what the supervisor would do anyway, without
 * a failed worker in the log.
 */
export const retryWhileBusy = async <T>(
  attempt: () => Promise<T>,
  opts: { retries: number; delayMs: number; onRetry?: (error: unknown, retry: number) => void },
): Promise<T> => {
  for (let retry = 1; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseBusy(error) || retry > opts.retries) throw error;
      opts.onRetry?.(error, retry);
      await new Promise((resolve) => setTimeout(resolve, opts.delayMs * retry));
    }
  }
};
