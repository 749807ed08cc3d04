/** A problem with the input, reported to the user with the line it is on (0 for the whole file). */
export class ImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}
