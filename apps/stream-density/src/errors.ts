/**
 * Typed failures of the stream-density pipeline: each names what failed (field, file,
 * stage, output path) so that a user can fix the input. No stage leaves a partial
 * output file behind (outputs are written atomically by @sidereal/io and @sidereal/plots).
 */
import { Data } from "effect";

/** A flag or configuration field has a bad value (`field` names it). */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly field: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `invalid configuration: ${this.field}: ${this.reason}`;
  }
}

/** An input file is missing, malformed, or lacks a needed column (`file` names it). */
export class DataError extends Data.TaggedError("DataError")<{
  readonly file: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `cannot read ${this.file}: ${this.reason}`;
  }
}

/** Optimisation or sampling failed (`stage` names it, e.g. "gd1 L-BFGS"). */
export class InferenceError extends Data.TaggedError("InferenceError")<{
  readonly stage: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `${this.stage} failed: ${this.reason}`;
  }
}

/** Writing an output failed (`path` names it). */
export class OutputError extends Data.TaggedError("OutputError")<{
  readonly path: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `cannot write ${this.path}: ${this.reason}`;
  }
}
