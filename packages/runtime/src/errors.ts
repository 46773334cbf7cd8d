/**
 * The shared failures of every Sidereal app. Each names its culprit (the flag or field, the
 * file, the row, the stage) so that the one line `runMain` prints is enough to fix the input.
 * `exitCodeOf` maps them to exit codes: 2 for usage, configuration and data errors, 1 for a
 * failed run. The sampler's own tagged errors (`ModelError`, `InitializationError`,
 * `SamplerError` of `@sidereal/autodiff-samplers`) pass through unchanged and count as run
 * failures.
 */
import { Data, Effect } from "effect";

/**
 * A flag, a configuration field or the output location is wrong. `field` is the flag
 * (`--chains`) or the dotted field path (`cuts.parallaxMin`); `file` the config file it came
 * from, when it came from one.
 */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly field: string;
  readonly file?: string;
  readonly reason: string;
}> {
  override get message(): string {
    const where = this.file === undefined ? this.field : `${this.field} (in ${this.file})`;
    return `invalid configuration: ${where}: ${this.reason}`;
  }
}

/**
 * An input file is missing, unreadable or malformed, or its values are unusable (NaN,
 * non-positive errors, nothing left after the cuts). `field` is the column, `row` the 0-based
 * data row when one row is at fault.
 */
export class DataError extends Data.TaggedError("DataError")<{
  readonly file: string;
  readonly field?: string;
  readonly row?: number;
  readonly reason: string;
}> {
  override get message(): string {
    const at = [
      this.field !== undefined ? `column ${this.field}` : undefined,
      this.row !== undefined ? `row ${this.row}` : undefined,
    ].filter((s) => s !== undefined);
    return `bad input ${this.file}${at.length > 0 ? ` (${at.join(", ")})` : ""}: ${this.reason}`;
  }
}

/** A stage of the run failed after its inputs were accepted (optimiser, sampler, writing). */
export class RunError extends Data.TaggedError("RunError")<{
  readonly stage: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `${this.stage} failed: ${this.reason}`;
  }
}

/** The message of an unknown thrown value (for `reason` fields). */
export function reasonOf(e: unknown): string {
  if (e instanceof Error) return e.message.split("\n")[0];
  return String(e);
}

/** Exit code of a failure: 2 for ConfigError and DataError (and usage errors), 1 otherwise. */
export function exitCodeOf(error: unknown): 1 | 2 {
  const tag = (error as { _tag?: unknown } | null)?._tag;
  return tag === "ConfigError" || tag === "DataError" ? 2 : 1;
}

/** Runs a synchronous stage of numeric work; a throw becomes `RunError { stage, reason }`. */
export const attemptStage = <A>(stage: string, f: () => A): Effect.Effect<A, RunError> =>
  Effect.try({ try: f, catch: (e) => new RunError({ stage, reason: reasonOf(e) }) });
