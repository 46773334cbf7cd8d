/**
 * The typed error of the bijector module: names the transform (or `bijectTo`), the
 * parameter or argument at fault, the offending value and what it must be.
 */
import { FieldsError } from "../errors.js";

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

export class BijectorError extends FieldsError<BijectorErrorFields> {
  readonly _tag = "BijectorError" as const;
  override readonly name = "BijectorError";
  readonly transform: string;
  readonly parameter: string;

  constructor(fields: BijectorErrorFields) {
    super(`${fields.transform} got invalid ${fields.parameter}`, fields);
    this.transform = fields.transform;
    this.parameter = fields.parameter;
  }

  /** The transform's name (the field's older spelling). */
  get bijector(): string {
    return this.transform;
  }
}
