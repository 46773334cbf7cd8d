/**
 * Tensor constructors. Every op accepts `TensorLike` and converts through `toTensor`.
 */
import { ValueError } from "./errors.js";
import { fmtShape, type Shape, sizeOf } from "./shape.js";
import { Tensor, type TensorLike } from "./tensor.js";

function flattenNested(data: unknown, shape: number[], out: number[], depth: number): void {
  if (Array.isArray(data)) {
    if (shape.length === depth) shape.push(data.length);
    else if (shape[depth] !== data.length)
      throw new ValueError(
        "tensor",
        `ragged nested array at depth ${depth}: ${data.length} vs ${shape[depth]}`,
      );
    for (const d of data) flattenNested(d, shape, out, depth + 1);
  } else if (typeof data === "number") {
    if (depth !== shape.length) throw new ValueError("tensor", "ragged nested array");
    out.push(data);
  } else {
    throw new ValueError("tensor", `expected a number or array, got ${typeof data}`);
  }
}

/**
 * Creates a tensor from a number, a (nested) array or a Float64Array, optionally
 * reshaped to `shape`. A Float64Array is copied, so later writes to it do not change
 * the tensor.
 *
 * @example tensor([[1, 2], [3, 4]]).shape // => [2, 2]
 */
export function tensor(data: TensorLike, shape?: Shape): Tensor {
  if (data instanceof Tensor) {
    if (!shape) return data;
    if (sizeOf(shape) !== data.size)
      throw new ValueError("tensor", `cannot view ${data.size} elements as ${fmtShape(shape)}`);
    return new Tensor(data._buf.slice(), shape);
  }
  if (typeof data === "number") {
    const buf = new Float64Array(1);
    buf[0] = data;
    return new Tensor(buf, shape ?? [], "scalar");
  }
  if (data instanceof Float64Array) {
    const s = shape ?? [data.length];
    if (sizeOf(s) !== data.length)
      throw new ValueError("tensor", `${data.length} values do not fit shape ${fmtShape(s)}`);
    return new Tensor(data.slice(), s);
  }
  const inferred: number[] = [];
  const flat: number[] = [];
  flattenNested(data, inferred, flat, 0);
  const s = shape ?? inferred;
  if (sizeOf(s) !== flat.length)
    throw new ValueError("tensor", `${flat.length} values do not fit shape ${fmtShape(s)}`);
  return new Tensor(Float64Array.from(flat), s);
}

/** Converts any accepted input to a tensor without copying tensors. */
export function toTensor(x: TensorLike): Tensor {
  return x instanceof Tensor ? x : tensor(x);
}

/** A rank-0 tensor. */
export function scalar(x: number): Tensor {
  const buf = new Float64Array(1);
  buf[0] = x;
  return new Tensor(buf, [], "scalar");
}

export function full(shape: Shape, value: number): Tensor {
  return new Tensor(new Float64Array(sizeOf(shape)).fill(value), shape, "full");
}

export function zeros(shape: Shape): Tensor {
  return new Tensor(new Float64Array(sizeOf(shape)), shape, "zeros");
}

export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

export function zerosLike(x: Tensor): Tensor {
  return zeros(x.shape);
}

export function onesLike(x: Tensor): Tensor {
  return ones(x.shape);
}

/** Values `start, start+step, ...` below `stop` (NumPy's arange). `arange(n)` is 0..n-1. */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (step === 0 || !Number.isFinite(step)) throw new ValueError("arange", `invalid step ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const buf = new Float64Array(n);
  for (let i = 0; i < n; i++) buf[i] = start + i * step;
  return new Tensor(buf, [n], "arange");
}

/** `num` evenly spaced values from `start` to `stop` inclusive (NumPy's linspace). */
export function linspace(start: number, stop: number, num = 50): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new ValueError("linspace", `invalid num ${num}`);
  const buf = new Float64Array(num);
  if (num === 1) buf[0] = start;
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) buf[i] = start + i * step;
  if (num > 1) buf[num - 1] = stop;
  return new Tensor(buf, [num], "linspace");
}

/** The n×n identity (or n×m with ones on the diagonal). */
export function eye(n: number, m = n): Tensor {
  const buf = new Float64Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) buf[i * m + i] = 1;
  return new Tensor(buf, [n, m], "eye");
}
