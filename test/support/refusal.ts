/** The error `promise` was refused with, which must be of the given kind; fails when it was not refused at all. */
export const refusal = async <E extends Error>(
  promise: Promise<unknown>,
  kind: new (...args: never[]) => E,
): Promise<E> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a refusal (${kind.name}), but it went through`);
};
