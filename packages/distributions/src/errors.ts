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

/**
 * The shape shared by the package's tagged errors: the fields are set on the instance, and
 * the message ends in "<value> (must be <constraint>)" (or just the constraint when there
 * is no value).
 */
export abstract class FieldsError<
  F extends { readonly value?: unknown; readonly constraint: string },
> extends Error {
  readonly value: unknown;
  readonly constraint: string;
  protected constructor(prefix: string, fields: F) {
    super(`${prefix}: ${describeViolation(fields)}`);
    this.value = fields.value;
    this.constraint = fields.constraint;
  }
}

/** "<value> (must be <constraint>)", or the constraint alone without a value. */
export function describeViolation(f: {
  readonly value?: unknown;
  readonly constraint: string;
}): string {
  return f.value === undefined ? f.constraint : `${formatValue(f.value)} (must be ${f.constraint})`;
}

/** Renders an offending value for a message (shapes as `[2, 3]`, numbers as JS prints them). */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

export class DistributionError extends FieldsError<DistributionErrorFields> {
  readonly _tag = "DistributionError" as const;
  override readonly name = "DistributionError";
  readonly distribution: string;
  readonly parameter: string;

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
    super(`${f.distribution} distribution got invalid ${f.parameter} parameter`, f);
    this.distribution = f.distribution;
    this.parameter = f.parameter;
  }

  /** The part of the message after the colon (kept for code that read `reason`). */
  get reason(): string {
    return describeViolation(this);
  }
}
