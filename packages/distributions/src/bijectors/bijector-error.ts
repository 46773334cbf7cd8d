/**
 * The typed error of the bijector module: names the bijector (or `bijectTo`), the
 * offending parameter/argument and the reason.
 */
export class BijectorError extends Error {
  readonly _tag = "BijectorError" as const;
  constructor(
    readonly bijector: string,
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${bijector} got invalid ${parameter}: ${reason}`);
    this.name = "BijectorError";
  }
}
