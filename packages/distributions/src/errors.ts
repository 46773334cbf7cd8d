/**
 * The typed error of the distributions package. It names the distribution (or the
 * function), the parameter, the offending value and the constraint the value breaks, so a
 * caller can match it by `_tag` (Effect's `catchTag`) and read the fields instead of the
 * message. The message reads as NumPyro's:
 *
 *   "Normal distribution got invalid scale parameter: -1 (must be positive)"
 */
export interface DistributionErrorFields {
  /** The distribution (class name without `Distribution`, e.g. "Normal") or function. */
  readonly distribution: string;
  /** The parameter or argument at fault (e.g. "scale", "shape", "sample"). */
  readonly parameter: string;
  /** The offending value (a number, a shape, …); `undefined` when there is none. */
  readonly value?: unknown;
  /** What the parameter must be, as a phrase ("positive", "less than high = 1", …). */
  readonly constraint: string;
}

/** Renders an offending value for a message (shapes as `[2, 3]`, numbers as JS prints them). */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

export class DistributionError extends Error {
  readonly _tag = "DistributionError" as const;
  readonly distribution: string;
  readonly parameter: string;
  readonly value: unknown;
  readonly constraint: string;

  /**
   * `new DistributionError({ distribution, parameter, value, constraint })`. The older
   * positional form `(distribution, parameter, reason)` is still accepted (the reason
   * becomes `constraint`, the value is left undefined) so code written against it keeps
   * compiling.
   */
  constructor(fields: DistributionErrorFields);
  constructor(distribution: string, parameter: string, reason: string);
  constructor(a: DistributionErrorFields | string, parameter?: string, reason?: string) {
    const f: DistributionErrorFields =
      typeof a === "string"
        ? { distribution: a, parameter: parameter ?? "", constraint: reason ?? "" }
        : a;
    const detail =
      f.value === undefined ? f.constraint : `${formatValue(f.value)} (must be ${f.constraint})`;
    super(`${f.distribution} distribution got invalid ${f.parameter} parameter: ${detail}`);
    this.name = "DistributionError";
    this.distribution = f.distribution;
    this.parameter = f.parameter;
    this.value = f.value;
    this.constraint = f.constraint;
  }

  /** The part of the message after the colon (kept for code that read `reason`). */
  get reason(): string {
    return this.value === undefined
      ? this.constraint
      : `${formatValue(this.value)} (must be ${this.constraint})`;
  }
}
