/**
 * Typed failures of the pipeline: each names what failed (file, field, value) so a
 * user can fix the input; none leaves partial output behind (outputs are written
 * atomically by the io and plots packages).
 */
import { Data } from "effect";

export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly field: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `invalid configuration: ${this.field}: ${this.reason}`;
  }
}
export class DataError extends Data.TaggedError("DataError")<{
  readonly file: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `cannot read ${this.file}: ${this.reason}`;
  }
}
export class InferenceError extends Data.TaggedError("InferenceError")<{
  readonly stage: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `${this.stage} failed: ${this.reason}`;
  }
}
export class OutputError extends Data.TaggedError("OutputError")<{
  readonly path: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `cannot write ${this.path}: ${this.reason}`;
  }
}
