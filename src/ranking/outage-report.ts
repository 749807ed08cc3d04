/**
 * Passes on the first failure of each kind and keeps quiet about its repeats until something goes through again.
 * While a store is away the tracker retries every second; one log line per outage says more than thousands.
 */
export interface OutageReport {
  /** Reports `error` unless a failure of this kind was reported since the last recovery. */
  failed(kind: string, error: unknown): void;
  /** Something went through: the next failure of any kind is news again. */
  recovered(): void;
}

export const createOutageReport = (onError: (error: unknown) => void): OutageReport => {
  const reported = new Set<string>();
  return {
    failed(kind, error) {
      if (reported.has(kind)) return;
      reported.add(kind);
      onError(error);
    },
    recovered() {
      reported.clear();
    },
  };
};
