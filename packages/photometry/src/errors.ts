/**
 * Typed failures of the photometry package. Each names what failed (field, file, value) so
 * a user can fix the input. Numeric hot paths throw only `ThetaError`, and only for a
 * non-finite or unphysical θ.
 */
import { Data } from "effect";

/** A configuration value (Parameter, FreeParams, SamplingParams, ForwardModelParams) is invalid. */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  /** Dotted path of the bad field, e.g. `modelParams.1.rangeMax`, with the file when known. */
  readonly field: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `invalid configuration: ${this.field}: ${this.reason}`;
  }
}

/** A data file (filter curve, template, grid) is missing or malformed. */
export class DataFileError extends Data.TaggedError("DataFileError")<{
  readonly file: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `cannot read ${this.file}: ${this.reason}`;
  }
}

/** A parameter vector the forward model cannot evaluate: non-finite, or physically impossible. */
export class ThetaError extends Data.TaggedError("ThetaError")<{
  /** The θ column, e.g. `mass`. */
  readonly field: string;
  readonly value: number;
  /** Row of the batch (0 for a single θ). */
  readonly row: number;
  readonly reason: string;
}> {
  override get message(): string {
    return `invalid theta row ${this.row}: ${this.field} = ${this.value}: ${this.reason}`;
  }
}

/** A simulation cube (HDF5) could not be written, read or combined. */
export class CubeFileError extends Data.TaggedError("CubeFileError")<{
  readonly file: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `cube file ${this.file}: ${this.reason}`;
  }
}
