/**
 * The two pieces of global tracing state, kept in one place:
 *
 * - `tape`: the reverse-mode tape of the innermost `grad`/`valueAndGrad` call. An op
 *   whose inputs are tracked on it appends an entry, and its output is tracked too.
 * - `recorder`: while `compile` traces a function, every primitive application is
 *   reported to it so that the forward and backward computations become a graph.
 *
 * Both are `null` in plain eager code, which then pays one null check per op.
 */
import type { Primitive } from "./primitive.js";
import type { Tensor } from "./tensor.js";

export interface TapeEntry {
  readonly prim: Primitive;
  readonly inputs: readonly Tensor[];
  readonly out: Tensor;
  readonly attrs: unknown;
}

export class Tape {
  readonly entries: TapeEntry[] = [];
}

export interface Recorder {
  /** Called after a primitive has produced `out` from `inputs`. */
  onApply(prim: Primitive, inputs: readonly Tensor[], attrs: unknown, out: Tensor): void;
  /** Called when user code reads concrete values of `t` (item, toArray, data). */
  onRead(t: Tensor, what: string): void;
}

export const tracing: { tape: Tape | null; recorder: Recorder | null } = {
  tape: null,
  recorder: null,
};
