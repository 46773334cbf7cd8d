/**
 * The typed error of the distributions package: names the distribution (or bijector),
 * the parameter and the offending value.
 */
export class DistributionError extends Error {
  readonly _tag = "DistributionError" as const;
  constructor(
    readonly distribution: string,
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${distribution} distribution got invalid ${parameter} parameter: ${reason}`);
    this.name = "DistributionError";
  }
}
