/** Asks `probe` every 50 ms until it gives a value, or fails naming what never happened within `ms`. */
export const eventually = async <T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 15_000,
): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Asks `probe` until it holds (see eventually). */
export const until = async (what: string, probe: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> => {
  await eventually(what, async () => ((await probe()) ? true : undefined), ms);
};
