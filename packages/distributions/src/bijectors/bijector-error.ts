/**
 * The typed error of the bijector module: names the transform (or `bijectTo`), the
 * parameter or argument at fault, the offending value and what it must be.
 */
import { formatValue } from "../errors.js";

export interface BijectorErrorFields {
  /** The transform (e.g. "AffineTransform") or function (e.g. "bijectTo"). */
  readonly transform: string;
  /** The parameter or argument at fault (e.g. "scale", "input", "constraint"). */
  readonly parameter: string;
  /** The offending value (a number, a shape, a constraint name, …), when there is one. */
  readonly value?: unknown;
  /** What the parameter must be, as a phrase ("non-zero everywhere", …). */
  readonly constraint: string;
}

export class BijectorError extends Error {
  readonly _tag = "BijectorError" as const;
  readonly transform: string;
  readonly parameter: string;
  readonly value: unknown;
  readonly constraint: string;

  constructor(fields: BijectorErrorFields) {
    const detail =
      fields.value === undefined
        ? fields.constraint
        : `${formatValue(fields.value)} (must be ${fields.constraint})`;
    super(`${fields.transform} got invalid ${fields.parameter}: ${detail}`);
    this.name = "BijectorError";
    this.transform = fields.transform;
    this.parameter = fields.parameter;
    this.value = fields.value;
    this.constraint = fields.constraint;
  }

  /** The transform's name (the field's older spelling). */
  get bijector(): string {
    return this.transform;
  }
}
