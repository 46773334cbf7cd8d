/**
 * "Same kind out": the physics functions accept numbers, `Float64Array`s (or plain number
 * arrays) and tensors, compute with `@sidereal/tensor` ops (so tensors stay differentiable),
 * and return a tensor when any argument is a tensor, else a `Float64Array` when any argument
 * is an array (row-major for matrix results such as `calcPseudoVoigt`'s S×N), else a number.
 */
import { expandDims, Tensor, type TensorLike, toTensor } from "@sidereal/tensor";

/**
 * A numeric argument of the physics functions: a number, a `Float64Array` or number array, a
 * nested array (rows, e.g. an S×N optical-depth matrix) or a tensor.
 */
export type Numeric =
  | number
  | Float64Array
  | readonly number[]
  | readonly (readonly number[])[]
  | Tensor;

/** The kind returned for arguments `T`: Tensor ⊐ Float64Array ⊐ number. */
export type SameKind<T extends readonly Numeric[]> =
  Extract<T[number], Tensor> extends never
    ? Extract<
        T[number],
        Float64Array | readonly number[] | readonly (readonly number[])[]
      > extends never
      ? number
      : Float64Array
    : Tensor;

/** Converts the tensor result `out` to the kind of `args` (see the module doc). */
export function sameKind<T extends readonly Numeric[]>(out: Tensor, args: T): SameKind<T> {
  let array = false;
  for (const a of args) {
    if (a instanceof Tensor) return out as SameKind<T>;
    if (typeof a !== "number") array = true;
  }
  if (array) return out.toArray() as SameKind<T>;
  return out.item() as SameKind<T>;
}

/** A per-cloud parameter [..., N] as [..., 1, N] so it broadcasts over channels; a scalar stays. */
export function perCloud(x: TensorLike): Tensor {
  const t = toTensor(x);
  return t.rank === 0 ? t : expandDims(t, -2);
}
