/**
 * The immutable float64 tensor: a shape and a row-major `Float64Array`.
 *
 * Tensors never change after construction; ops return new tensors. The buffer is
 * owned by the tensor: `toArray()` returns a copy, and `data` returns the buffer
 * itself for zero-copy reads (treat it as read-only).
 */

import { type Tape, tracing } from "./context.js";
import { ValueError } from "./errors.js";
import { fmtShape, type Shape, sizeOf } from "./shape.js";

export class Tensor {
  readonly shape: Shape;
  readonly size: number;
  /** @internal the buffer; kernels read it directly. */
  readonly _buf: Float64Array;
  /** @internal the gradient tape tracking this tensor, if any. */
  _tape: Tape | null = null;
  /** @internal the name of the op that produced this tensor (for error messages). */
  _op: string;

  /** @internal use `tensor(...)` and the ops instead. */
  constructor(buf: Float64Array, shape: Shape, op = "tensor") {
    if (buf.length !== sizeOf(shape))
      throw new ValueError(
        "tensor",
        `buffer of length ${buf.length} does not fit shape ${fmtShape(shape)}`,
      );
    this._buf = buf;
    this.shape = Object.freeze([...shape]);
    this.size = buf.length;
    this._op = op;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The underlying buffer (read-only by convention). Not allowed inside `compile` tracing. */
  get data(): Float64Array {
    if (tracing.recorder) tracing.recorder.onRead(this, "data");
    return this._buf;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (tracing.recorder) tracing.recorder.onRead(this, "item()");
    if (this.size !== 1)
      throw new ValueError(
        "item",
        `tensor of shape ${fmtShape(this.shape)} has ${this.size} elements, not 1`,
      );
    return this._buf[0];
  }

  /** A copy of the values as a flat Float64Array (row-major). */
  toArray(): Float64Array {
    if (tracing.recorder) tracing.recorder.onRead(this, "toArray()");
    return this._buf.slice();
  }

  /** Nested JavaScript arrays (for printing and tests). */
  toNested(): unknown {
    if (tracing.recorder) tracing.recorder.onRead(this, "toNested()");
    const build = (axis: number, offset: number): unknown => {
      if (axis === this.shape.length) return this._buf[offset];
      const n = this.shape[axis];
      const stride = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: n }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  valueOf(): number {
    return this.item();
  }

  toString(): string {
    return `Tensor(${fmtShape(this.shape)}) ${JSON.stringify(this.size <= 64 ? this.toNested() : "...")}`;
  }
}

/** Anything an op accepts where a tensor is expected. */
export type TensorLike =
  | Tensor
  | number
  | readonly number[]
  | Float64Array
  | readonly (readonly number[])[];
