/**
 * The typed error of the PRNG and samplers (`key`, `split`, `uniform`, `gamma`, …): it names
 * the function, the argument, the offending value and what the argument must be. It extends
 * `RangeError` (what these functions threw before) and carries `_tag` for Effect's `catchTag`.
 */
import { formatValue } from "../errors.js";

export interface RandomArgumentErrorFields {
  /** The function called (e.g. "gamma", "key"). */
  readonly function: string;
  /** The argument at fault (e.g. "alpha", "seed", "shape"). */
  readonly parameter: string;
  /** The offending value. */
  readonly value: unknown;
  /** What the argument must be ("positive and finite", …). */
  readonly constraint: string;
}

export class RandomArgumentError extends RangeError {
  readonly _tag = "RandomArgumentError" as const;
  readonly function: string;
  readonly parameter: string;
  readonly value: unknown;
  readonly constraint: string;

  constructor(fields: RandomArgumentErrorFields) {
    super(
      `${fields.function}: ${fields.parameter} must be ${fields.constraint}, got ${formatValue(fields.value)}`,
    );
    this.name = "RandomArgumentError";
    this.function = fields.function;
    this.parameter = fields.parameter;
    this.value = fields.value;
    this.constraint = fields.constraint;
  }
}

/** Throws a {@link RandomArgumentError}. */
export function invalidArgument(
  fn: string,
  parameter: string,
  value: unknown,
  constraint: string,
): never {
  throw new RandomArgumentError({ function: fn, parameter, value, constraint });
}
