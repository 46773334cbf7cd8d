/**
 * Typed errors. Each names what failed (file and line for databases, argument and value
 * for bad input) so that a caller never sees a silently shorter line list or a raw
 * TypeError.
 */
import { Data } from "effect";

/** A database file is missing, truncated or malformed. `line` is 1-based (0: whole file). */
export class DatabaseFileError extends Data.TaggedError("DatabaseFileError")<{
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}> {
  override get message(): string {
    return this.line > 0
      ? `${this.file}:${this.line}: ${this.reason}`
      : `${this.file}: ${this.reason}`;
  }
}

/** A function was called with an argument it cannot accept. */
export class ExoInputError extends Data.TaggedError("ExoInputError")<{
  readonly fn: string;
  readonly argument: string;
  readonly value: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `${this.fn}: ${this.argument} = ${this.value}: ${this.reason}`;
  }
}
